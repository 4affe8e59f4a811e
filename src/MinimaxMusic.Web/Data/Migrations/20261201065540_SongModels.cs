using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MinimaxMusic.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SongModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "ReferenceAudioUrl",
                table: "Generations",
                type: "TEXT",
                maxLength: 2048,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 2048);

            migrationBuilder.AddColumn<int>(
                name: "Bitrate",
                table: "Generations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Instrumental",
                table: "Generations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Model",
                table: "Generations",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "minimax-music");

            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "Generations",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "New");

            migrationBuilder.AddColumn<string>(
                name: "OutputFormat",
                table: "Generations",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ParentId",
                table: "Generations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SampleRate",
                table: "Generations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Style",
                table: "Generations",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WriteLyrics",
                table: "Generations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Generations_ParentId",
                table: "Generations",
                column: "ParentId");

            migrationBuilder.AddForeignKey(
                name: "FK_Generations_Generations_ParentId",
                table: "Generations",
                column: "ParentId",
                principalTable: "Generations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Generations_Generations_ParentId",
                table: "Generations");

            migrationBuilder.DropIndex(
                name: "IX_Generations_ParentId",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "Bitrate",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "Instrumental",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "Model",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "OutputFormat",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "SampleRate",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "Style",
                table: "Generations");

            migrationBuilder.DropColumn(
                name: "WriteLyrics",
                table: "Generations");

            migrationBuilder.AlterColumn<string>(
                name: "ReferenceAudioUrl",
                table: "Generations",
                type: "TEXT",
                maxLength: 2048,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 2048,
                oldNullable: true);
        }
    }
}
