import { createContext, useCallback, useContext, useEffect, type ReactNode } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import type { MeQuery } from "../gql/graphql";
import { setCSRFToken } from "../api/client";

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
  login(username: string, password: string): Promise<string | undefined>;
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
      if (r.error) return r.error.graphQLErrors[0]?.message ?? r.error.message;
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

/** What a role may do in the UI; the server enforces the same rules. */
export function can(me: Me | undefined, what: "edit" | "review" | "publish" | "analyse"): boolean {
  const role = me?.role;
  switch (what) {
    case "edit":
      return role === "EDITOR" || role === "ADMIN";
    case "review":
      return role === "REVIEWER" || role === "ADMIN";
    case "publish":
      return role === "ADMIN";
    case "analyse":
      return role === "ANALYST" || role === "REVIEWER" || role === "ADMIN";
  }
}
