using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimaxMusic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Generations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Lyrics = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ReferenceAudioUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    UpstreamId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    GeneratingAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextPollAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PollCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TransientErrorCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastTransientError = table.Column<string>(type: "TEXT", nullable: true),
                    ErrorName = table.Column<string>(type: "TEXT", nullable: true),
                    ErrorMessage = table.Column<string>(type: "TEXT", nullable: true),
                    CreditsUsed = table.Column<double>(type: "REAL", nullable: true),
                    AudioUrl = table.Column<string>(type: "TEXT", nullable: true),
                    AudioContentType = table.Column<string>(type: "TEXT", nullable: true),
                    AudioFileSize = table.Column<long>(type: "INTEGER", nullable: true),
                    ArchivedFileName = table.Column<string>(type: "TEXT", nullable: true),
                    ArchivedSize = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Generations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Generations_CreatedAtUtc",
                table: "Generations",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Generations_Status_NextPollAtUtc",
                table: "Generations",
                columns: new[] { "Status", "NextPollAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Generations");
        }
    }
}
