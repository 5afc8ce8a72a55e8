import type { ReactNode } from "react";
import { Button, Layout } from "antd";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthContext";
import { setLanguage } from "../../i18n";

// The public site's frame: narrow screens first, and nothing of it on paper.
export const publicCss = `
body { margin: 0; }
.jx-public { min-height: 100vh; background: #f5f5f5; }
.jx-public-header { display: flex; align-items: center; justify-content: space-between; gap: 8px 12px; padding: 8px 16px; background: #001529; height: auto; min-height: 56px; line-height: 1.4; flex-wrap: wrap; }
.jx-public-site { color: #fff; font-size: 17px; font-weight: 600; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.jx-public-site:hover, .jx-public-site:focus { color: #fff; text-decoration: underline; }
.jx-public-actions { display: flex; align-items: center; gap: 8px; flex-shrink: 0; }
.jx-public-actions a { color: #fff; }
.jx-public-content { padding: 24px 16px; max-width: 1100px; width: 100%; margin: 0 auto; box-sizing: border-box; }
@media (max-width: 600px) {
  .jx-public .jx-report-table { display: block; overflow-x: auto; }
  .jx-public-content { padding: 12px 8px; }
  .jx-public .jx-report { padding: 16px 12px; font-size: 14px; }
  .jx-public-site { font-size: 15px; }
}
@media print {
  .jx-public-header, .jx-no-print { display: none !important; }
  .jx-public { background: #fff !important; min-height: 0; }
  .jx-public-content { padding: 0 !important; max-width: none; }
  .jx-public .jx-report-table { display: table; overflow: visible; }
}
`;

/**
 * The frame of the public disclosure site (/public): the site's name, the language switch and a link
 * to sign in (or, signed in, back to the system); no menu of the signed-in app.
 */
export default function PublicLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const zh = i18n.language.startsWith("zh");
  const signedIn = !!me && me.kind !== "ANONYMOUS";
  return (
    <Layout className="jx-public">
      <style>{publicCss}</style>
      <Layout.Header className="jx-public-header" data-testid="public-header">
        <Link to="/public" className="jx-public-site" data-testid="public-site">
          {t("public.siteName")}
        </Link>
        <nav className="jx-public-actions" aria-label={t("public.siteName")}>
          <Button size="small" title={t("public.languageLabel")} onClick={() => setLanguage(zh ? "en" : "zh-CN")} data-testid="public-language">
            {t("public.language")}
          </Button>
          <Link to={signedIn ? "/home" : "/"} data-testid="public-sign-in">
            {signedIn ? t("public.backToApp") : t("public.signIn")}
          </Link>
        </nav>
      </Layout.Header>
      <Layout.Content className="jx-public-content">{children}</Layout.Content>
    </Layout>
  );
}
