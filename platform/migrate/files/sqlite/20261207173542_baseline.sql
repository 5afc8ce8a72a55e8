-- Create "api_tokens" table
CREATE TABLE `api_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `name` text NOT NULL, `prefix` text NOT NULL, `token_hash` text NOT NULL, `created_at` datetime NOT NULL, `revoked_at` datetime NULL, `last_used_at` datetime NULL, `department_id` integer NULL, `created_by_id` integer NOT NULL, CONSTRAINT `api_tokens_departments_department` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`) ON DELETE SET NULL, CONSTRAINT `api_tokens_users_created_by` FOREIGN KEY (`created_by_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- Set sequence for "api_tokens" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("api_tokens", 30064771072);
-- Create index "api_tokens_token_hash_key" to table: "api_tokens"
CREATE UNIQUE INDEX `api_tokens_token_hash_key` ON `api_tokens` (`token_hash`);
-- Create "audit_records" table
CREATE TABLE `audit_records` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `at` datetime NOT NULL, `actor_kind` text NOT NULL, `actor_id` integer NULL, `actor_name` text NOT NULL DEFAULT (''), `action` text NOT NULL, `entity_type` text NOT NULL, `entity_id` integer NOT NULL, `changes` json NOT NULL, `request_id` text NOT NULL DEFAULT (''));
-- Set sequence for "audit_records" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("audit_records", 34359738368);
-- Create index "auditrecord_entity_type_entity_id" to table: "audit_records"
CREATE INDEX `auditrecord_entity_type_entity_id` ON `audit_records` (`entity_type`, `entity_id`);
-- Create index "auditrecord_actor_id" to table: "audit_records"
CREATE INDEX `auditrecord_actor_id` ON `audit_records` (`actor_id`);
-- Create index "auditrecord_at" to table: "audit_records"
CREATE INDEX `auditrecord_at` ON `audit_records` (`at`);
-- Create "departments" table
CREATE TABLE `departments` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `code` text NOT NULL, `name` text NOT NULL, `functions` text NOT NULL DEFAULT (''), `path` text NOT NULL DEFAULT ('/'), `parent_id` integer NULL, CONSTRAINT `departments_departments_children` FOREIGN KEY (`parent_id`) REFERENCES `departments` (`id`) ON DELETE SET NULL);
-- Create index "departments_code_key" to table: "departments"
CREATE UNIQUE INDEX `departments_code_key` ON `departments` (`code`);
-- Create index "department_path" to table: "departments"
CREATE INDEX `department_path` ON `departments` (`path`);
-- Create "department_years" table
CREATE TABLE `department_years` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `year` integer NOT NULL, `personnel_budget` integer NOT NULL DEFAULT (0), `personnel_actual` integer NOT NULL DEFAULT (0), `public_budget` integer NOT NULL DEFAULT (0), `public_actual` integer NOT NULL DEFAULT (0), `project_budget` integer NOT NULL DEFAULT (0), `project_actual` integer NOT NULL DEFAULT (0), `carryover_start` integer NOT NULL DEFAULT (0), `carryover_end` integer NOT NULL DEFAULT (0), `three_public_budget` integer NOT NULL DEFAULT (0), `three_public_actual` integer NOT NULL DEFAULT (0), `assets_in_use` integer NOT NULL DEFAULT (0), `assets_total` integer NOT NULL DEFAULT (0), `goal` text NOT NULL DEFAULT (''), `basic_budget` integer NOT NULL DEFAULT (0), `basic_actual` integer NOT NULL DEFAULT (0), `total_budget` integer NOT NULL DEFAULT (0), `total_actual` integer NOT NULL DEFAULT (0), `execution_rate` integer NULL, `carryover_rate` integer NULL, `department_id` integer NOT NULL, CONSTRAINT `department_years_departments_years` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`) ON DELETE NO ACTION);
-- Set sequence for "department_years" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("department_years", 4294967296);
-- Create index "departmentyear_department_id_year" to table: "department_years"
CREATE UNIQUE INDEX `departmentyear_department_id_year` ON `department_years` (`department_id`, `year`);
-- Create index "departmentyear_year" to table: "department_years"
CREATE INDEX `departmentyear_year` ON `department_years` (`year`);
-- Create "evaluations" table
CREATE TABLE `evaluations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `status` text NOT NULL DEFAULT ('DRAFT'), `conclusion` text NOT NULL DEFAULT (''), `problems` text NOT NULL DEFAULT (''), `improvements` text NOT NULL DEFAULT (''), `execution_explanation` text NOT NULL DEFAULT (''), `review_comment` text NOT NULL DEFAULT (''), `submitted_at` datetime NULL, `score` integer NOT NULL DEFAULT (0), `grade` text NOT NULL DEFAULT ('POOR'), `execution_rate` integer NULL, `execution_score` integer NULL, `department_year_id` integer NOT NULL, `project_id` integer NULL, CONSTRAINT `evaluations_department_years_evaluations` FOREIGN KEY (`department_year_id`) REFERENCES `department_years` (`id`) ON DELETE NO ACTION, CONSTRAINT `evaluations_projects_evaluations` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE SET NULL);
-- Set sequence for "evaluations" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("evaluations", 8589934592);
-- Create index "evaluation_department_year_id" to table: "evaluations"
CREATE UNIQUE INDEX `evaluation_department_year_id` ON `evaluations` (`department_year_id`) WHERE project_id IS NULL;
-- Create index "evaluation_project_id" to table: "evaluations"
CREATE UNIQUE INDEX `evaluation_project_id` ON `evaluations` (`project_id`) WHERE project_id IS NOT NULL;
-- Create index "evaluation_project_id_score" to table: "evaluations"
CREATE INDEX `evaluation_project_id_score` ON `evaluations` (`project_id`, `score`);
-- Create index "evaluation_project_id_grade" to table: "evaluations"
CREATE INDEX `evaluation_project_id_grade` ON `evaluations` (`project_id`, `grade`);
-- Create "indicators" table
CREATE TABLE `indicators` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `position` integer NOT NULL DEFAULT (0), `level1` text NOT NULL, `level2` text NOT NULL, `name` text NOT NULL, `kind` text NOT NULL, `operator` text NULL, `target` integer NULL, `unit` text NOT NULL DEFAULT (''), `weight` integer NOT NULL, `actual` integer NULL, `binding` text NULL, `rating` text NULL, `rated_score` integer NULL, `deviation_reason` text NOT NULL DEFAULT (''), `effective_actual` integer NULL, `completion_rate` integer NULL, `score` integer NOT NULL DEFAULT (0), `attainment` integer NOT NULL DEFAULT (0), `deviation_required` bool NOT NULL DEFAULT (false), `department_year_id` integer NOT NULL, `project_id` integer NULL, CONSTRAINT `indicators_department_years_indicators` FOREIGN KEY (`department_year_id`) REFERENCES `department_years` (`id`) ON DELETE NO ACTION, CONSTRAINT `indicators_projects_indicators` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE SET NULL);
-- Set sequence for "indicators" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("indicators", 12884901888);
-- Create index "indicator_department_year_id_project_id_position" to table: "indicators"
CREATE INDEX `indicator_department_year_id_project_id_position` ON `indicators` (`department_year_id`, `project_id`, `position`);
-- Create index "indicator_project_id" to table: "indicators"
CREATE INDEX `indicator_project_id` ON `indicators` (`project_id`);
-- Create index "indicator_attainment_id" to table: "indicators"
CREATE INDEX `indicator_attainment_id` ON `indicators` (`attainment`, `id`);
-- Create index "indicator_score_id" to table: "indicators"
CREATE INDEX `indicator_score_id` ON `indicators` (`score`, `id`);
-- Create "key_tasks" table
CREATE TABLE `key_tasks` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `version` integer NOT NULL DEFAULT (1), `position` integer NOT NULL DEFAULT (0), `title` text NOT NULL, `content` text NOT NULL DEFAULT (''), `outcome` text NOT NULL DEFAULT (''), `department_year_id` integer NOT NULL, CONSTRAINT `key_tasks_department_years_key_tasks` FOREIGN KEY (`department_year_id`) REFERENCES `department_years` (`id`) ON DELETE NO ACTION);
-- Set sequence for "key_tasks" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("key_tasks", 17179869184);
-- Create index "keytask_department_year_id_position" to table: "key_tasks"
CREATE INDEX `keytask_department_year_id_position` ON `key_tasks` (`department_year_id`, `position`);
-- Create "monthly_executions" table
CREATE TABLE `monthly_executions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `version` integer NOT NULL DEFAULT (1), `month` integer NOT NULL, `cumulative_executed` integer NOT NULL DEFAULT (0), `target_percent` integer NOT NULL DEFAULT (0), `department_year_id` integer NOT NULL, CONSTRAINT `monthly_executions_department_years_months` FOREIGN KEY (`department_year_id`) REFERENCES `department_years` (`id`) ON DELETE NO ACTION);
-- Set sequence for "monthly_executions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("monthly_executions", 21474836480);
-- Create index "monthlyexecution_department_year_id_month" to table: "monthly_executions"
CREATE UNIQUE INDEX `monthlyexecution_department_year_id_month` ON `monthly_executions` (`department_year_id`, `month`);
-- Create "projects" table
CREATE TABLE `projects` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `code` text NOT NULL DEFAULT (''), `name` text NOT NULL, `category` text NOT NULL DEFAULT (''), `budget` integer NOT NULL DEFAULT (0), `executed` integer NOT NULL DEFAULT (0), `goal` text NOT NULL DEFAULT (''), `execution_rate` integer NULL, `execution_score` integer NOT NULL DEFAULT (0), `department_year_id` integer NOT NULL, CONSTRAINT `projects_department_years_projects` FOREIGN KEY (`department_year_id`) REFERENCES `department_years` (`id`) ON DELETE NO ACTION);
-- Set sequence for "projects" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("projects", 25769803776);
-- Create index "project_department_year_id_code" to table: "projects"
CREATE UNIQUE INDEX `project_department_year_id_code` ON `projects` (`department_year_id`, `code`) WHERE code <> '';
-- Create "sessions" table
CREATE TABLE `sessions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `token_hash` text NOT NULL, `csrf_token` text NOT NULL, `created_at` datetime NOT NULL, `expires_at` datetime NOT NULL, `user_id` integer NOT NULL, CONSTRAINT `sessions_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- Set sequence for "sessions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("sessions", 38654705664);
-- Create index "sessions_token_hash_key" to table: "sessions"
CREATE UNIQUE INDEX `sessions_token_hash_key` ON `sessions` (`token_hash`);
-- Create index "session_expires_at" to table: "sessions"
CREATE INDEX `session_expires_at` ON `sessions` (`expires_at`);
-- Create "sign_in_throttles" table
CREATE TABLE `sign_in_throttles` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `failures` integer NOT NULL DEFAULT (0), `blocked_until` datetime NULL, `trusted_until` datetime NULL, `updated_at` datetime NOT NULL);
-- Set sequence for "sign_in_throttles" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("sign_in_throttles", 51539607552);
-- Create index "sign_in_throttles_key_key" to table: "sign_in_throttles"
CREATE UNIQUE INDEX `sign_in_throttles_key_key` ON `sign_in_throttles` (`key`);
-- Create index "signinthrottle_updated_at" to table: "sign_in_throttles"
CREATE INDEX `signinthrottle_updated_at` ON `sign_in_throttles` (`updated_at`);
-- Create "transitions" table
CREATE TABLE `transitions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `from` text NOT NULL, `to` text NOT NULL, `comment` text NOT NULL DEFAULT (''), `actor_id` integer NULL, `actor_name` text NOT NULL DEFAULT (''), `at` datetime NOT NULL, `evaluation_id` integer NOT NULL, CONSTRAINT `transitions_evaluations_transitions` FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations` (`id`) ON DELETE NO ACTION);
-- Set sequence for "transitions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("transitions", 42949672960);
-- Create "users" table
CREATE TABLE `users` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `username` text NOT NULL, `username_key` text NULL, `display_name` text NOT NULL DEFAULT (''), `role` text NOT NULL, `password_hash` text NOT NULL, `disabled` bool NOT NULL DEFAULT (false), `last_login_at` datetime NULL, `department_id` integer NULL, CONSTRAINT `users_departments_department` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`) ON DELETE SET NULL);
-- Set sequence for "users" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("users", 47244640256);
-- Create index "users_username_key" to table: "users"
CREATE UNIQUE INDEX `users_username_key` ON `users` (`username`);
-- Create index "users_username_key_key" to table: "users"
CREATE UNIQUE INDEX `users_username_key_key` ON `users` (`username_key`);
