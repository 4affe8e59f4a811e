using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimaxMusic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SongLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "UsdSpent",
                table: "Generations",
                type: "TEXT",
                nullable: true);

            // Songs left Submitting by an older version had no lookup time: they are looked up in the request log at once.
            migrationBuilder.Sql(
                "UPDATE \"Generations\" SET \"NextPollAtUtc\" = \"CreatedAtUtc\" WHERE \"Status\" = 'Submitting' AND \"NextPollAtUtc\" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UsdSpent",
                table: "Generations");
        }
    }
}
