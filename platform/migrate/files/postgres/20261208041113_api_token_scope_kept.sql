-- Modify "api_tokens" table
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_departments_department", ADD CONSTRAINT "api_tokens_departments_department" FOREIGN KEY ("department_id") REFERENCES "departments" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION;
