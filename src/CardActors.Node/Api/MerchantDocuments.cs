using CardActors.Domain.Merchants;
using CardActors.Node.Api.Contracts;

namespace CardActors.Node.Api;

internal static class MerchantDocuments
{
    public static MerchantView? View(MerchantState state) => !state.Exists ? null : new MerchantView(
        state.Id.ToString(),
        state.Name,
        state.Status.ToString(),
        state.Category.Code,
        state.Group.Value,
        state.Projects.Select(p => (long)p.Value).ToArray(),
        state.Terminals.Select(t =>
        {
            var keys = state.KeyVersionsOf(t);
            return new TerminalView(t.ToString(), keys.Current, keys.Previous);
        }).ToArray(),
        state.SettlementCycle.Period.ToString().ToLowerInvariant(),
        state.SettlementCycle.FeeRate.Value,
        state.AccountManager.Value,
        CardDocuments.Time(state.RegisteredAt),
        state.Version);

    public static IResult Refusal(in MerchantReply reply)
    {
        var detail = reply.Detail;
        var colon = detail.IndexOf(':', StringComparison.Ordinal);
        var (field, rule) = colon > 0 ? (detail[..colon], detail[(colon + 2)..]) : ("merchant", detail);
        return reply.Rejection switch
        {
            // The merchant is named by the path's merchantId, or by the id of a registration.
            MerchantRejection.NotRegistered => Problems.NotFound("merchantId", rule),
            MerchantRejection.AlreadyRegistered => Problems.Conflict("id", rule),
            MerchantRejection.Unavailable => Problems.Unavailable(detail),
            MerchantRejection.Crashed => Results.Problem(title: "Internal error", detail: detail, statusCode: StatusCodes.Status500InternalServerError,
                type: "urn:cardactors:problem:internal"),
            MerchantRejection.NameInvalid or MerchantRejection.CategoryMissing or MerchantRejection.MerchantIdMissing
                or MerchantRejection.SettlementCycleInvalid or MerchantRejection.TerminalMissing => Problems.Invalid(field, rule),
            MerchantRejection.TerminalUnknown => Problems.NotFound(field, rule),
            _ => Problems.Refused(field, rule),
        };
    }
}
