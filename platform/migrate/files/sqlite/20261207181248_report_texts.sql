-- Create "report_texts" table
CREATE TABLE `report_texts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `section` text NOT NULL, `text` text NOT NULL, `evaluation_id` integer NOT NULL, CONSTRAINT `report_texts_evaluations_report_texts` FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations` (`id`) ON DELETE NO ACTION);
-- Set sequence for "report_texts" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("report_texts", 60129542144);
-- Create index "reporttext_evaluation_id_section" to table: "report_texts"
CREATE UNIQUE INDEX `reporttext_evaluation_id_section` ON `report_texts` (`evaluation_id`, `section`);
