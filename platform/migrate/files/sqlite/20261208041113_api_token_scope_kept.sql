-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_api_tokens" table
CREATE TABLE `new_api_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `name` text NOT NULL, `prefix` text NOT NULL, `token_hash` text NOT NULL, `created_at` datetime NOT NULL, `revoked_at` datetime NULL, `last_used_at` datetime NULL, `department_id` integer NULL, `created_by_id` integer NOT NULL, CONSTRAINT `api_tokens_departments_department` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`) ON DELETE NO ACTION, CONSTRAINT `api_tokens_users_created_by` FOREIGN KEY (`created_by_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- Set sequence for "new_api_tokens" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_api_tokens", 30064771072);
-- Copy rows from old table "api_tokens" to new temporary table "new_api_tokens"
INSERT INTO `new_api_tokens` (`id`, `name`, `prefix`, `token_hash`, `created_at`, `revoked_at`, `last_used_at`, `department_id`, `created_by_id`) SELECT `id`, `name`, `prefix`, `token_hash`, `created_at`, `revoked_at`, `last_used_at`, `department_id`, `created_by_id` FROM `api_tokens`;
-- Drop "api_tokens" table after copying rows
DROP TABLE `api_tokens`;
-- Rename temporary table "new_api_tokens" to "api_tokens"
ALTER TABLE `new_api_tokens` RENAME TO `api_tokens`;
-- Create index "api_tokens_token_hash_key" to table: "api_tokens"
CREATE UNIQUE INDEX `api_tokens_token_hash_key` ON `api_tokens` (`token_hash`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
