using Npgsql;

namespace CardActors.Baseline;

/// <summary>
/// The tables and the one-round-trip functions of the database-lock design. Each function is one
/// transaction: it inserts the transaction (its id makes a retransmission harmless), updates the
/// card row guarded by the balance, and updates the merchant's totals — the row locks are held
/// until the commit's fsync, which is what limits this design under load on hot rows.
/// </summary>
internal static class BaselineSchema
{
    public static async Task CreateAsync(NpgsqlDataSource data, string schema, bool reset)
    {
        await using var connection = await data.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (reset ? $"DROP SCHEMA IF EXISTS {schema} CASCADE;" : "") + $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            SET search_path TO {schema};
            CREATE TABLE IF NOT EXISTS products (id bigint PRIMARY KEY, name text NOT NULL, balance_cap bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS merchants (id text PRIMARY KEY, name text NOT NULL, category int NOT NULL, grp bigint NOT NULL,
                trading boolean NOT NULL DEFAULT true, authorized bigint NOT NULL DEFAULT 0, sales bigint NOT NULL DEFAULT 0, refunds bigint NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS terminals (merchant_id text NOT NULL, terminal_id text NOT NULL, key_version int NOT NULL, PRIMARY KEY (merchant_id, terminal_id));
            CREATE TABLE IF NOT EXISTS cards (card text PRIMARY KEY, product bigint NOT NULL, active boolean NOT NULL,
                balance bigint NOT NULL, held bigint NOT NULL DEFAULT 0, cap bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS transactions (id bigint PRIMARY KEY, card text NOT NULL, merchant text, kind char(1) NOT NULL,
                amount bigint NOT NULL, original bigint, code int NOT NULL DEFAULT 0, settled bigint NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE IF NOT EXISTS numbering (name text PRIMARY KEY, next bigint NOT NULL);

            -- A retransmission finds its transaction and gets the first answer; nothing moves twice.
            CREATE OR REPLACE FUNCTION replay(p_id bigint, OUT code int, OUT balance bigint, OUT available bigint) LANGUAGE sql AS $$
                SELECT t.code, c.balance, c.balance - c.held FROM transactions t JOIN cards c ON c.card = t.card WHERE t.id = p_id $$;

            CREATE OR REPLACE FUNCTION decline_code(p_card text) RETURNS int LANGUAGE sql AS $$
                SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM cards WHERE card = p_card) THEN 14
                            WHEN EXISTS (SELECT 1 FROM cards WHERE card = p_card AND NOT active) THEN 62 ELSE 51 END $$;

            -- kind: A authorization (hold), P purchase
            CREATE OR REPLACE FUNCTION spend(p_id bigint, p_card text, p_merchant text, p_amount bigint, p_hold boolean,
                OUT code int, OUT balance bigint, OUT available bigint) LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO transactions (id, card, merchant, kind, amount) VALUES (p_id, p_card, p_merchant, CASE WHEN p_hold THEN 'A' ELSE 'P' END, p_amount)
                    ON CONFLICT (id) DO NOTHING;
                IF NOT FOUND THEN SELECT * INTO code, balance, available FROM replay(p_id); RETURN; END IF;
                IF p_hold THEN
                    UPDATE cards c SET held = c.held + p_amount WHERE c.card = p_card AND c.active AND c.balance - c.held >= p_amount
                        RETURNING c.balance, c.balance - c.held INTO balance, available;
                ELSE
                    UPDATE cards c SET balance = c.balance - p_amount WHERE c.card = p_card AND c.active AND c.balance - c.held >= p_amount
                        RETURNING c.balance, c.balance - c.held INTO balance, available;
                END IF;
                IF NOT FOUND THEN
                    code := decline_code(p_card);
                    UPDATE transactions SET code = spend.code WHERE id = p_id;
                    RETURN;
                END IF;
                code := 0;
                IF p_hold THEN UPDATE merchants SET authorized = authorized + p_amount WHERE id = p_merchant;
                ELSE UPDATE merchants SET sales = sales + p_amount WHERE id = p_merchant; END IF;
            END $$;

            -- Completion: captures up to the hold (kind C), releases the rest.
            CREATE OR REPLACE FUNCTION capture(p_id bigint, p_card text, p_hold bigint, p_amount bigint,
                OUT code int, OUT balance bigint, OUT available bigint) LANGUAGE plpgsql AS $$
            DECLARE held_amount bigint; captured bigint;
            BEGIN
                INSERT INTO transactions (id, card, kind, amount, original) VALUES (p_id, p_card, 'C', p_amount, p_hold) ON CONFLICT (id) DO NOTHING;
                IF NOT FOUND THEN SELECT * INTO code, balance, available FROM replay(p_id); RETURN; END IF;
                SELECT t.amount INTO held_amount FROM transactions t WHERE t.id = p_hold AND t.card = p_card AND t.kind = 'A' AND t.code = 0 AND t.settled = 0 FOR UPDATE;
                IF NOT FOUND THEN code := 12; UPDATE transactions SET code = 12 WHERE id = p_id; SELECT r.balance, r.available INTO balance, available FROM replay(p_id) r; RETURN; END IF;
                captured := least(held_amount, p_amount);
                UPDATE transactions SET settled = held_amount WHERE id = p_hold;
                UPDATE cards c SET held = c.held - held_amount, balance = c.balance - captured WHERE c.card = p_card
                    RETURNING c.balance, c.balance - c.held INTO balance, available;
                UPDATE merchants m SET authorized = m.authorized - held_amount, sales = m.sales + captured
                    WHERE m.id = (SELECT merchant FROM transactions WHERE id = p_hold);
                code := 0;
            END $$;

            -- Reversal (kind R) of an authorization or a purchase, whole.
            CREATE OR REPLACE FUNCTION reverse(p_id bigint, p_card text, p_original bigint,
                OUT code int, OUT balance bigint, OUT available bigint) LANGUAGE plpgsql AS $$
            DECLARE o transactions%ROWTYPE;
            BEGIN
                INSERT INTO transactions (id, card, kind, amount, original) VALUES (p_id, p_card, 'R', 0, p_original) ON CONFLICT (id) DO NOTHING;
                IF NOT FOUND THEN SELECT * INTO code, balance, available FROM replay(p_id); RETURN; END IF;
                SELECT * INTO o FROM transactions t WHERE t.id = p_original AND t.card = p_card AND t.code = 0 AND t.settled = 0 AND t.kind IN ('A', 'P') FOR UPDATE;
                IF FOUND THEN
                    UPDATE transactions SET settled = o.amount WHERE id = p_original;
                    IF o.kind = 'A' THEN
                        UPDATE cards c SET held = c.held - o.amount WHERE c.card = p_card;
                        UPDATE merchants SET authorized = authorized - o.amount WHERE id = o.merchant;
                    ELSE
                        UPDATE cards c SET balance = c.balance + o.amount WHERE c.card = p_card;
                        UPDATE merchants SET sales = sales - o.amount WHERE id = o.merchant;
                    END IF;
                END IF;
                code := 0;
                SELECT c.balance, c.balance - c.held INTO balance, available FROM cards c WHERE c.card = p_card;
            END $$;

            -- Refund (kind F) of a purchase, up to what is left of it.
            CREATE OR REPLACE FUNCTION refund(p_id bigint, p_card text, p_original bigint, p_amount bigint,
                OUT code int, OUT balance bigint, OUT available bigint) LANGUAGE plpgsql AS $$
            DECLARE o transactions%ROWTYPE;
            BEGIN
                INSERT INTO transactions (id, card, kind, amount, original) VALUES (p_id, p_card, 'F', p_amount, p_original) ON CONFLICT (id) DO NOTHING;
                IF NOT FOUND THEN SELECT * INTO code, balance, available FROM replay(p_id); RETURN; END IF;
                SELECT * INTO o FROM transactions t WHERE t.id = p_original AND t.card = p_card AND t.code = 0 AND t.kind = 'P' FOR UPDATE;
                IF NOT FOUND OR o.amount - o.settled < p_amount THEN
                    code := CASE WHEN FOUND THEN 13 ELSE 12 END;
                    UPDATE transactions SET code = refund.code WHERE id = p_id;
                ELSE
                    UPDATE transactions SET settled = settled + p_amount WHERE id = p_original;
                    UPDATE cards SET balance = cards.balance + p_amount WHERE card = p_card;
                    UPDATE merchants SET refunds = refunds + p_amount WHERE id = o.merchant;
                    code := 0;
                END IF;
                SELECT c.balance, c.balance - c.held INTO balance, available FROM cards c WHERE c.card = p_card;
            END $$;

            -- Top-up (kind T), up to the card's cap.
            CREATE OR REPLACE FUNCTION top_up(p_id bigint, p_card text, p_amount bigint,
                OUT code int, OUT balance bigint, OUT available bigint) LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO transactions (id, card, kind, amount) VALUES (p_id, p_card, 'T', p_amount) ON CONFLICT (id) DO NOTHING;
                IF NOT FOUND THEN SELECT * INTO code, balance, available FROM replay(p_id); RETURN; END IF;
                UPDATE cards c SET balance = c.balance + p_amount WHERE c.card = p_card AND c.active AND c.balance + p_amount <= c.cap
                    RETURNING c.balance, c.balance - c.held INTO balance, available;
                IF NOT FOUND THEN
                    code := CASE WHEN decline_code(p_card) = 51 THEN 61 ELSE decline_code(p_card) END;
                    UPDATE transactions SET code = top_up.code WHERE id = p_id;
                    RETURN;
                END IF;
                code := 0;
            END $$;
            """;
        await command.ExecuteNonQueryAsync();
    }
}
