-- Create "rectifications" table
CREATE TABLE `rectifications` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `issue` text NOT NULL, `requirement` text NOT NULL, `due_date` text NOT NULL, `status` text NOT NULL DEFAULT ('OPEN'), `measures` text NOT NULL DEFAULT (''), `outcome` text NOT NULL DEFAULT (''), `review_comment` text NOT NULL DEFAULT (''), `raised_by_id` integer NULL, `raised_by_name` text NOT NULL DEFAULT (''), `answered_by_id` integer NULL, `answered_by_name` text NOT NULL DEFAULT (''), `answered_at` datetime NULL, `closed_by_id` integer NULL, `closed_by_name` text NOT NULL DEFAULT (''), `closed_at` datetime NULL, `evaluation_id` integer NOT NULL, `indicator_id` integer NULL, CONSTRAINT `rectifications_evaluations_rectifications` FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations` (`id`) ON DELETE NO ACTION, CONSTRAINT `rectifications_indicators_rectifications` FOREIGN KEY (`indicator_id`) REFERENCES `indicators` (`id`) ON DELETE SET NULL);
-- Set sequence for "rectifications" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("rectifications", 98784247808);
-- Create index "rectification_evaluation_id" to table: "rectifications"
CREATE INDEX `rectification_evaluation_id` ON `rectifications` (`evaluation_id`);
-- Create index "rectification_indicator_id" to table: "rectifications"
CREATE INDEX `rectification_indicator_id` ON `rectifications` (`indicator_id`);
-- Create index "rectification_status_due_date" to table: "rectifications"
CREATE INDEX `rectification_status_due_date` ON `rectifications` (`status`, `due_date`);
-- Create "rectification_transitions" table
CREATE TABLE `rectification_transitions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `from` text NULL, `to` text NOT NULL, `comment` text NOT NULL DEFAULT (''), `measures` text NOT NULL DEFAULT (''), `outcome` text NOT NULL DEFAULT (''), `actor_id` integer NULL, `actor_name` text NOT NULL DEFAULT (''), `at` datetime NOT NULL, `rectification_id` integer NOT NULL, CONSTRAINT `rectification_transitions_rectifications_transitions` FOREIGN KEY (`rectification_id`) REFERENCES `rectifications` (`id`) ON DELETE NO ACTION);
-- Set sequence for "rectification_transitions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("rectification_transitions", 103079215104);
-- Create "review_scores" table
CREATE TABLE `review_scores` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `score` integer NOT NULL, `reason` text NOT NULL, `reviewer_id` integer NULL, `reviewer_name` text NOT NULL DEFAULT (''), `indicator_id` integer NOT NULL, CONSTRAINT `review_scores_indicators_review_score` FOREIGN KEY (`indicator_id`) REFERENCES `indicators` (`id`) ON DELETE NO ACTION);
-- Set sequence for "review_scores" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("review_scores", 107374182400);
-- Create index "review_scores_indicator_id_key" to table: "review_scores"
CREATE UNIQUE INDEX `review_scores_indicator_id_key` ON `review_scores` (`indicator_id`);
