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
