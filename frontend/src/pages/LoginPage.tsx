import { useState } from "react";
import { Alert, Button, Card, Form, Input, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { errorText, type FieldError } from "../api/errors";
import { useAuth } from "../auth/AuthContext";
import { setLanguage } from "../i18n";

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const { login } = useAuth();
  const [error, setError] = useState<FieldError>();
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(await login(v.username, v.password));
    setBusy(false);
  };
  return (
    <main style={{ display: "flex", justifyContent: "center", paddingTop: "12vh" }}>
      <Card style={{ width: 380, maxWidth: "calc(100vw - 16px)" }}>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Title level={1} style={{ fontSize: 24 }}>
            {t("app.title")}
          </Typography.Title>
          {error && <Alert type="error" showIcon message={errorText(t, error)} data-testid="login-error" />}
          <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item name="username" label={t("auth.username")} rules={[{ required: true, message: t("auth.required", { field: t("auth.username") }) }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t("auth.password")} rules={[{ required: true, message: t("auth.required", { field: t("auth.password") }) }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t("auth.login")}
            </Button>
          </Form>
          <Space style={{ width: "100%", justifyContent: "space-between" }}>
            <Button type="link" onClick={() => setLanguage(i18n.language.startsWith("zh") ? "en" : "zh-CN")}>
              {t("nav.language")}
            </Button>
            <Link to="/public" data-testid="login-public">
              {t("public.nav")}
            </Link>
          </Space>
        </Space>
      </Card>
    </main>
  );
}
