import { Component, useEffect, useState, type ErrorInfo, type ReactNode } from "react";
import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";

/**
 * isChunkError tells a failed dynamic import (a page's chunk gone after a redeploy: the old
 * index.html names hashes the new server no longer has) from a bug in a page.
 */
export function isChunkError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|ChunkLoadError|Unable to preload CSS/i.test(text);
}

function Failure({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  const chunk = isChunkError(error);
  return (
    <Result
      status={chunk ? "info" : "error"}
      title={chunk ? t("common.newVersion") : t("common.error")}
      subTitle={chunk ? undefined : t("common.crashed")}
      extra={
        <Button type="primary" onClick={onReload} data-testid="error-reload">
          {t("common.reload")}
        </Button>
      }
    >
      {!chunk && <pre data-testid="error-detail" style={{ whiteSpace: "pre-wrap" }}>{error instanceof Error ? error.message : String(error)}</pre>}
    </Result>
  );
}

interface Props {
  children: ReactNode;
  /** How to reload; window.location.reload but for tests. */
  reload?: () => void;
}

interface State {
  error: unknown;
}

/**
 * ErrorBoundary shows a page that failed to render, or whose code failed to load, as a message
 * with a reload button instead of a blank page. Vite reports a failed preload as
 * `vite:preloadError` on window: that too is caught.
 */
export default class ErrorBoundary extends Component<Props, State> {
  state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error("page failed", error, info.componentStack);
  }

  render() {
    const reload = this.props.reload ?? (() => window.location.reload());
    if (this.state.error !== undefined) return <Failure error={this.state.error} onReload={reload} />;
    return <PreloadGuard reload={reload}>{this.props.children}</PreloadGuard>;
  }
}

function PreloadGuard({ children, reload }: { children: ReactNode; reload: () => void }) {
  const [failed, setFailed] = useState<unknown>(undefined);
  useEffect(() => {
    const onPreloadError = (event: Event) => {
      event.preventDefault(); // handled here: Vite would otherwise throw it again
      setFailed((event as Event & { payload?: unknown }).payload ?? new Error("Failed to fetch dynamically imported module"));
    };
    window.addEventListener("vite:preloadError", onPreloadError);
    return () => window.removeEventListener("vite:preloadError", onPreloadError);
  }, []);
  if (failed !== undefined) return <Failure error={failed} onReload={reload} />;
  return children;
}
