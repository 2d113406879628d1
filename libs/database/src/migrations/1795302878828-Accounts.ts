import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1795302878828 implements MigrationInterface {
  name = 'Accounts1795302878828';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."platform_role" AS ENUM('MEMBER', 'ADMIN')
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v7(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "email" text NOT NULL,
                "handle" text NOT NULL,
                "display_name" text NOT NULL,
                "bio" text,
                "password_hash" text NOT NULL,
                "platform_role" "public"."platform_role" NOT NULL DEFAULT 'MEMBER',
                "follower_count" integer NOT NULL DEFAULT '0',
                "following_count" integer NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "users_handle_key" ON "users" ("handle")
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v7(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "token_hash" bytea NOT NULL,
                "family_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "refresh_tokens_family_id_idx" ON "refresh_tokens" ("family_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "refresh_tokens_user_id_idx" ON "refresh_tokens" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."refresh_tokens_user_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."refresh_tokens_family_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."refresh_tokens_token_hash_key"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."users_handle_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."users_email_key"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."platform_role"
        `);
  }
}
