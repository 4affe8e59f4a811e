using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimaxMusic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArchiveDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ArchiveAttempts",
                table: "Generations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAtUtc",
                table: "Generations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ArchivedSha256",
                table: "Generations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "DurationSeconds",
                table: "Generations",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "Generations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastArchiveError",
                table: "Generations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextArchiveAtUtc",
                table: "Generations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "WaveformPeaks",
                table: "Generations",
                type: "BLOB",
                nullable: true);

            // Songs archived before this migration count as archived; completed ones that never were get retried now.
            migrationBuilder.Sql(
                "UPDATE \"Generations\" SET \"ArchivedAtUtc\" = COALESCE(\"FinishedAtUtc\", \"CreatedAtUtc\") "
                + "WHERE \"ArchivedFileName\" IS NOT NULL;");
            migrationBuilder.Sql(
                "UPDATE \"Generations\" SET \"NextArchiveAtUtc\" = COALESCE(\"FinishedAtUtc\", \"CreatedAtUtc\") "
                + "WHERE \"ArchivedFileName\" IS NULL AND \"Status\" = 'Completed' AND \"AudioUrl\" IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_Generations_IdempotencyKey",
                table: "Generations",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Generations_NextArchiveAtUtc",
                table: "Generations",
                column: "NextArchiveAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Generations_IdempotencyKey",
                table: "Generations");

            migrationBuilder.DropIndex(
                name: "IX_Generations_NextArchiveAtUtc",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ArchiveAttempts",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ArchivedAtUtc",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ArchivedSha256",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "DurationSeconds",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "LastArchiveError",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "NextArchiveAtUtc",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "WaveformPeaks",
                table: "Generations");
        }
    }
}
