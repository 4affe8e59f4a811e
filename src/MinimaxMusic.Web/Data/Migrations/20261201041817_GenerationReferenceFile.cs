using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimaxMusic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class GenerationReferenceFile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReferenceFileName",
                table: "Generations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Generations_ReferenceFileName",
                table: "Generations",
                column: "ReferenceFileName");

            // Songs made before the column linked a hosted reference only by its URL, .../references/<name>: link them
            // by the name, as the URL matching did (any host, so a changed App:PublicBaseUrl still counts), then drop
            // what is not a name the app makes (a 128-bit base64url token and .mp3/.wav).
            migrationBuilder.Sql(
                """
                UPDATE "Generations"
                SET "ReferenceFileName" = substr("ReferenceAudioUrl", length(rtrim("ReferenceAudioUrl", replace("ReferenceAudioUrl", '/', ''))) + 1)
                WHERE rtrim("ReferenceAudioUrl", replace("ReferenceAudioUrl", '/', '')) LIKE '%/references/';
                """);
            migrationBuilder.Sql(
                """
                UPDATE "Generations" SET "ReferenceFileName" = NULL
                WHERE "ReferenceFileName" IS NOT NULL AND NOT (
                    length("ReferenceFileName") BETWEEN 26 AND 100
                    AND ("ReferenceFileName" GLOB '*.mp3' OR "ReferenceFileName" GLOB '*.wav')
                    AND substr("ReferenceFileName", 1, length("ReferenceFileName") - 4) NOT GLOB '*[^A-Za-z0-9_-]*');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Generations_ReferenceFileName",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ReferenceFileName",
                table: "Generations");
        }
    }
}
