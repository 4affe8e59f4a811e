using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimaxMusic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SongOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Generations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Generations_OwnerId_CreatedAtUtc",
                table: "Generations",
                columns: new[] { "OwnerId", "CreatedAtUtc" });

            migrationBuilder.AddForeignKey(
                name: "FK_Generations_AspNetUsers_OwnerId",
                table: "Generations",
                column: "OwnerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Generations_AspNetUsers_OwnerId",
                table: "Generations");

            migrationBuilder.DropIndex(
                name: "IX_Generations_OwnerId_CreatedAtUtc",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Generations");
        }
    }
}
