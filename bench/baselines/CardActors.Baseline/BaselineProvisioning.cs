using System.Collections.Immutable;
using CardActors.Domain.Identifiers;
using CardActors.Domain.Merchants;
using CardActors.Node.Api.Contracts;
using CardActors.Node.Merchants;
using Npgsql;
using NpgsqlTypes;

namespace CardActors.Baseline;

/// <summary>
/// The node's provisioning contract (products, merchants, terminals with MAC keys, cards in bulk),
/// served over the baseline's tables, so that the load generator provisions both the same way.
/// </summary>
internal static class BaselineProvisioning
{
    public static void Map(WebApplication app, NpgsqlDataSource data, DbLockCore core, TerminalKeys keys, CardNumberGenerator numbers)
    {
        app.MapGet("/readyz", () => Results.Ok(new { status = "ready", core = "database-lock baseline" }));

        app.MapPost("/api/products", async (ProductDocument product) =>
        {
            await using var insert = data.CreateCommand("INSERT INTO products (id, name, balance_cap) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = product.Id ?? 0 });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = product.Name ?? "" });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = product.BalanceCap ?? (product.Identity == "realName" ? 500_000 : 100_000) });
            return await insert.ExecuteNonQueryAsync() == 1 ? Results.Created() : Results.Conflict();
        });

        app.MapPost("/api/merchants", async (RegisterMerchantRequest merchant) =>
        {
            await using var insert = data.CreateCommand("INSERT INTO merchants (id, name, category, grp) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = merchant.Id ?? "" });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = merchant.Name ?? "" });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = merchant.Category ?? 0 });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = merchant.Group ?? 0 });
            if (await insert.ExecuteNonQueryAsync() == 0)
            {
                return Results.Conflict();
            }

            await RefreshAsync(data, core, merchant.Id!);
            return Results.Created();
        });

        app.MapPost("/api/merchants/{merchantId}/terminals", async (string merchantId, AddTerminalRequest terminal) =>
        {
            await using var insert = data.CreateCommand("INSERT INTO terminals (merchant_id, terminal_id, key_version) VALUES ($1, $2, 1) ON CONFLICT DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = merchantId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = terminal.TerminalId ?? "" });
            if (await insert.ExecuteNonQueryAsync() == 0)
            {
                return Results.Conflict();
            }

            await RefreshAsync(data, core, merchantId);
            return Results.Created((string?)null, Key(keys, merchantId, terminal.TerminalId!, 1));
        });

        app.MapPost("/api/merchants/{merchantId}/terminals/{terminalId}/mac-key", async (string merchantId, string terminalId) =>
        {
            await using var rotate = data.CreateCommand("UPDATE terminals SET key_version = key_version + 1 WHERE merchant_id = $1 AND terminal_id = $2 RETURNING key_version");
            rotate.Parameters.Add(new NpgsqlParameter<string> { TypedValue = merchantId });
            rotate.Parameters.Add(new NpgsqlParameter<string> { TypedValue = terminalId });
            if (await rotate.ExecuteScalarAsync() is not int version)
            {
                return Results.NotFound();
            }

            await RefreshAsync(data, core, merchantId);
            return Results.Ok(Key(keys, merchantId, terminalId, version));
        });

        app.MapPost("/api/cards/bulk", async (BulkIssueRequest request) =>
        {
            var count = request.Count ?? 0;
            if (count is < 1 or > 10_000)
            {
                return Results.BadRequest(new { detail = "count: must be from 1 to 10000" });
            }

            await using var connection = await data.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var reserve = new NpgsqlCommand(
                "INSERT INTO numbering (name, next) VALUES ('cards', $1) ON CONFLICT (name) DO UPDATE SET next = numbering.next + $1 RETURNING next - $1", connection, transaction);
            reserve.Parameters.Add(new NpgsqlParameter<long> { TypedValue = count });
            var first = (long)(await reserve.ExecuteScalarAsync())!;
            await using var cap = new NpgsqlCommand("SELECT balance_cap FROM products WHERE id = $1", connection, transaction);
            cap.Parameters.Add(new NpgsqlParameter<long> { TypedValue = request.Product ?? 0 });
            var balanceCap = await cap.ExecuteScalarAsync() as long? ?? 100_000;
            var cards = new string[count];
            await using (var copy = await connection.BeginBinaryImportAsync("COPY cards (card, product, active, balance, cap) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < count; i++)
                {
                    cards[i] = numbers.ForSequence((ulong)(first + i)).ToDigitString();
                    await copy.StartRowAsync();
                    await copy.WriteAsync(cards[i], NpgsqlDbType.Text);
                    await copy.WriteAsync(request.Product ?? 0, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(request.Activate == true, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(request.InitialLoad ?? 0, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(balanceCap, NpgsqlDbType.Bigint);
                }

                await copy.CompleteAsync();
            }

            await transaction.CommitAsync();
            return Results.Created((string?)null, new BulkIssueResponse(cards, count, []));
        });
    }

    /// <summary>Loads every merchant and terminal into the core's in-memory profiles (at start and after a change).</summary>
    public static async Task RefreshAsync(NpgsqlDataSource data, DbLockCore core, string? merchantId = null)
    {
        await using var select = data.CreateCommand(
            "SELECT m.id, m.category, m.grp, m.trading, t.terminal_id, t.key_version FROM merchants m LEFT JOIN terminals t ON t.merchant_id = m.id" +
            (merchantId is null ? "" : " WHERE m.id = $1") + " ORDER BY m.id, t.terminal_id");
        if (merchantId is not null)
        {
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = merchantId });
        }

        var rows = new List<(string Id, int Category, long Group, bool Trading, string? Terminal, int Version)>();
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetBoolean(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? 0 : reader.GetInt32(5)));
            }
        }

        foreach (var merchant in rows.GroupBy(r => r.Id))
        {
            var terminals = merchant.Where(r => r.Terminal is not null).ToList();
            core.Remember(new MerchantProfile(
                MerchantId.Parse(merchant.Key), 1, merchant.First().Trading ? MerchantStatus.Active : MerchantStatus.Suspended,
                new MerchantCategory((ushort)merchant.First().Category), new MerchantGroupId((uint)merchant.First().Group), [],
                terminals.Select(r => TerminalId.Parse(r.Terminal!)).ToImmutableArray(),
                terminals.Select(r => new TerminalKeyVersions(r.Version, 0)).ToImmutableArray()));
        }
    }

    private static TerminalKeyResponse Key(TerminalKeys keys, string merchant, string terminal, int version) =>
        new(terminal, version, Convert.ToHexString(keys.KeyOf(MerchantId.Parse(merchant), TerminalId.Parse(terminal), version)));
}
