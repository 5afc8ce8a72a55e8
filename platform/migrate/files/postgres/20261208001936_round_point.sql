-- Modify "rounds" table
ALTER TABLE "rounds" ADD COLUMN "point" character varying NULL;
