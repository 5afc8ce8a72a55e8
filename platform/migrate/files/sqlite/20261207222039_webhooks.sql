-- Create "webhooks" table
CREATE TABLE `webhooks` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL DEFAULT (''), `url` text NOT NULL, `secret` text NOT NULL, `entity_types` json NOT NULL, `actions` json NOT NULL, `active` bool NOT NULL DEFAULT (true), `department_id` integer NULL, `created_by_id` integer NULL, CONSTRAINT `webhooks_departments_department` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`) ON DELETE NO ACTION, CONSTRAINT `webhooks_users_created_by` FOREIGN KEY (`created_by_id`) REFERENCES `users` (`id`) ON DELETE SET NULL);
-- Set sequence for "webhooks" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("webhooks", 120259084288);
-- Create index "webhook_active" to table: "webhooks"
CREATE INDEX `webhook_active` ON `webhooks` (`active`);
-- Create "webhook_deliveries" table
CREATE TABLE `webhook_deliveries` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `event_id` text NOT NULL, `entity_type` text NOT NULL, `entity_id` integer NOT NULL, `action` text NOT NULL, `payload` text NOT NULL, `status` text NOT NULL DEFAULT ('PENDING'), `attempts` integer NOT NULL DEFAULT (0), `next_attempt_at` datetime NULL, `lease_until` datetime NULL, `last_attempt_at` datetime NULL, `response_code` integer NULL, `error` text NOT NULL DEFAULT (''), `delivered_at` datetime NULL, `created_at` datetime NOT NULL, `webhook_id` integer NOT NULL, CONSTRAINT `webhook_deliveries_webhooks_deliveries` FOREIGN KEY (`webhook_id`) REFERENCES `webhooks` (`id`) ON DELETE NO ACTION);
-- Set sequence for "webhook_deliveries" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("webhook_deliveries", 124554051584);
-- Create index "webhookdelivery_status_next_attempt_at" to table: "webhook_deliveries"
CREATE INDEX `webhookdelivery_status_next_attempt_at` ON `webhook_deliveries` (`status`, `next_attempt_at`);
-- Create index "webhookdelivery_webhook_id_created_at" to table: "webhook_deliveries"
CREATE INDEX `webhookdelivery_webhook_id_created_at` ON `webhook_deliveries` (`webhook_id`, `created_at`);
