using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimaxMusic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SavedReferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SavedReferences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false, collation: "NOCASE"),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    DurationSeconds = table.Column<double>(type: "REAL", nullable: true),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    UploadFileName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SongId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastCheckedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedReferences", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SavedReferences_CreatedAtUtc",
                table: "SavedReferences",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SavedReferences_Name",
                table: "SavedReferences",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SavedReferences_UploadFileName",
                table: "SavedReferences",
                column: "UploadFileName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SavedReferences");
        }
    }
}
