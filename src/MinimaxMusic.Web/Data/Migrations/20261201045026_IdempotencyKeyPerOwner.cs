using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimaxMusic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyKeyPerOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Generations_IdempotencyKey",
                table: "Generations");

            migrationBuilder.CreateIndex(
                name: "IX_Generations_IdempotencyKey",
                table: "Generations",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL AND \"OwnerId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Generations_OwnerId_IdempotencyKey",
                table: "Generations",
                columns: new[] { "OwnerId", "IdempotencyKey" },
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL AND \"OwnerId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Generations_IdempotencyKey",
                table: "Generations");

            migrationBuilder.DropIndex(
                name: "IX_Generations_OwnerId_IdempotencyKey",
                table: "Generations");

            migrationBuilder.CreateIndex(
                name: "IX_Generations_IdempotencyKey",
                table: "Generations",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");
        }
    }
}
