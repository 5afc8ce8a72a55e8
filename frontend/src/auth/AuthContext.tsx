import { createContext, useCallback, useContext, useEffect, type ReactNode } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { MeQuery } from "../gql/graphql";
import { setCSRFToken } from "../api/client";
import { fieldErrors, type FieldError } from "../api/errors";

const MeDocument = graphql(`
  query Me {
    me {
      kind
      name
      role
      csrfToken
      user { id username displayName }
      scope { id code name }
    }
  }
`);

const LoginDocument = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) { csrfToken user { id } }
  }
`);

const LogoutDocument = graphql(`
  mutation Logout { logout }
`);

export type Me = MeQuery["me"];

interface Auth {
  me: Me | undefined;
  fetching: boolean;
  /** Signs in; the refusal comes back as the server's coded error, for the page to say in its language. */
  login(username: string, password: string): Promise<FieldError | undefined>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | undefined>(undefined);

/** Provides who is signed in, and signing in and out, to the whole app. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [{ data, fetching }, refetch] = useQuery({ query: MeDocument, requestPolicy: "network-only" });
  const [, login] = useMutation(LoginDocument);
  const [, logout] = useMutation(LogoutDocument);
  useEffect(() => setCSRFToken(data?.me.csrfToken), [data]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const r = await login({ username, password });
      if (r.error) return fieldErrors(r.error)[0];
      setCSRFToken(r.data?.login.csrfToken);
      refetch({ requestPolicy: "network-only" });
      return undefined;
    },
    [login, refetch],
  );
  const signOut = useCallback(async () => {
    await logout({});
    setCSRFToken(null);
    refetch({ requestPolicy: "network-only" });
  }, [logout, refetch]);

  return <AuthContext.Provider value={{ me: data?.me, fetching, login: signIn, logout: signOut }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error("useAuth outside AuthProvider");
  return a;
}
