-- Add column "point" to table: "rounds"
ALTER TABLE `rounds` ADD COLUMN `point` text NULL;
