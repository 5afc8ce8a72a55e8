-- Create "rounds" table
CREATE TABLE `rounds` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `kind` text NOT NULL, `year` integer NOT NULL, `name` text NOT NULL, `opens_at` datetime NOT NULL, `deadline` datetime NOT NULL, `status` text NOT NULL DEFAULT ('OPEN'), `closed_at` datetime NULL, `created_by_id` integer NULL, `created_by_name` text NOT NULL DEFAULT (''));
-- Set sequence for "rounds" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("rounds", 90194313216);
-- Create index "round_status_deadline" to table: "rounds"
CREATE INDEX `round_status_deadline` ON `rounds` (`status`, `deadline`);
-- Create index "round_year_kind" to table: "rounds"
CREATE INDEX `round_year_kind` ON `rounds` (`year`, `kind`);
-- Create "round_participants" table
CREATE TABLE `round_participants` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `projects` bool NOT NULL DEFAULT (false), `department_id` integer NOT NULL, `round_id` integer NOT NULL, CONSTRAINT `round_participants_departments_round_participants` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`) ON DELETE NO ACTION, CONSTRAINT `round_participants_rounds_participants` FOREIGN KEY (`round_id`) REFERENCES `rounds` (`id`) ON DELETE NO ACTION);
-- Set sequence for "round_participants" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("round_participants", 94489280512);
-- Create index "roundparticipant_round_id_department_id" to table: "round_participants"
CREATE UNIQUE INDEX `roundparticipant_round_id_department_id` ON `round_participants` (`round_id`, `department_id`);
-- Create index "roundparticipant_department_id" to table: "round_participants"
CREATE INDEX `roundparticipant_department_id` ON `round_participants` (`department_id`);
