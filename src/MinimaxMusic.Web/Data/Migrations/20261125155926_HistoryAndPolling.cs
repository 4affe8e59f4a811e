using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimaxMusic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class HistoryAndPolling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsFavourite",
                table: "Generations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastPolledAtUtc",
                table: "Generations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Generations_IsFavourite_CreatedAtUtc",
                table: "Generations",
                columns: new[] { "IsFavourite", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Generations_IsFavourite_CreatedAtUtc",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "IsFavourite",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "LastPolledAtUtc",
                table: "Generations");
        }
    }
}
