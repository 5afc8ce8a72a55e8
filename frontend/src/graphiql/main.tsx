// The GraphQL explorer at /graphiql: GraphiQL built from npm into the embedded assets, so that it
// works on a network without internet. A page of its own (graphiql.html), not a route of the app:
// it needs neither Ant Design nor the app's sign-in, and the app's pages do not carry its editor.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import { examples } from "./examples";
import { createFetcher, CSRF, loadToken } from "./fetcher";

const csrf = new CSRF();
const fetcher = createFetcher("/query", csrf);

const defaultTabs = examples.map((e) => ({ query: e.query, variables: e.variables }));

void loadToken(fetcher).finally(() => {
  createRoot(document.getElementById("graphiql")!).render(
    <StrictMode>
      <GraphiQL fetcher={fetcher} defaultTabs={defaultTabs} defaultEditorToolsVisibility="variables" />
    </StrictMode>,
  );
});
