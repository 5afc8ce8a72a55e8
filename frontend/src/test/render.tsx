import type { ReactNode } from "react";
import { render } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { Provider, type Client } from "urql";

/** Renders ui inside client and a router at route (matched by path, when given). */
export function renderWith(client: Client, ui: ReactNode, at?: { route: string; path: string }) {
  return render(
    <Provider value={client}>
      <MemoryRouter initialEntries={[at?.route ?? "/"]}>
        {at ? (
          <Routes>
            <Route path={at.path} element={ui} />
          </Routes>
        ) : (
          ui
        )}
      </MemoryRouter>
    </Provider>,
  );
}
