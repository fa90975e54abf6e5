using System.Buffers;
using System.Net.Sockets;
using CardActors.Iso8583;
using CardActors.LoadGen.Transport;

namespace CardActors.LoadGen.Iso;

internal sealed partial class IsoConnection
{
    // Used by the receive loop only: one message parsed in place, one builder for echo answers.
    private readonly Iso8583Message _message = new();
    private readonly Iso8583MessageBuilder _answerBuilder = new();

    private async Task ReceiveLoopAsync(IsoSession session)
    {
        var input = session.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync();
                var buffer = result.Buffer;
                try
                {
                    while (Iso8583Framing.TryReadFrame(ref buffer, out var frame))
                    {
                        Volatile.Write(ref session.LastReceived, _clock.Now);
                        HandleFrame(session, in frame);
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Iso8583FramingException)
        {
            // The byte stream lost its framing: nothing after this point can be trusted.
            Interlocked.Increment(ref _counters.MalformedResponses);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The connection is gone.
        }
        finally
        {
            await input.CompleteAsync();
            session.Abort();
        }
    }

    private void HandleFrame(IsoSession session, in ReadOnlySequence<byte> frame)
    {
        var message = _message;
        if (!message.TryParse(frame, out _))
        {
            // The fields read intact may still name the request, which then ends as malformed.
            Interlocked.Increment(ref _counters.MalformedResponses);
            if (TryTake(message, out var failed))
            {
                Finish(in failed, LoadOutcome.FromTransportError(TransportErrorKind.MalformedResponse));
            }

            return;
        }

        if (MessageTypes.IsRequest(message.MessageType))
        {
            AnswerRequest(session, message);
            return;
        }

        if (!TryTake(message, out var entry))
        {
            Interlocked.Increment(ref _counters.LateResponses);
            return;
        }

        var outcome = Judge(message, in entry);
        if (outcome.IsTransportError)
        {
            Interlocked.Increment(ref _counters.MalformedResponses);
        }

        Finish(in entry, outcome);
    }

    /// <summary>Removes the pending message the answer names by terminal (41) and STAN (11).</summary>
    private bool TryTake(Iso8583Message message, out PendingEntry entry)
    {
        entry = default;
        if (!message.Has(FieldNumber.TerminalId) || !message.Has(FieldNumber.Stan) ||
            !_terminalsById.TryGetValue(TransmissionKey.PackTerminalId(message.GetText(FieldNumber.TerminalId)), out var local))
        {
            return false;
        }

        var key = PendingTable.KeyOf(local, (int)message.GetNumeric(FieldNumber.Stan));
        lock (_gate)
        {
            return _pending.TryRemove(key, out entry);
        }
    }

    /// <summary>
    /// The answer's outcome: its response code, unless it is not the answer the request called for
    /// (wrong MTI, no readable 39) or its MAC fails. A MAC may only be missing from a format error
    /// (30) or a refusal (12), the answers to requests whose MAC the issuer could not use.
    /// </summary>
    private LoadOutcome Judge(Iso8583Message message, in PendingEntry entry)
    {
        var malformed = LoadOutcome.FromTransportError(TransportErrorKind.MalformedResponse);
        if (message.Mti != entry.ResponseMti || !message.Has(FieldNumber.ResponseCode))
        {
            return malformed;
        }

        var code = message.GetText(FieldNumber.ResponseCode);
        if (!IsCodeCharacter(code[0]) || !IsCodeCharacter(code[1]))
        {
            return malformed;
        }

        if (message.MacField != 0)
        {
            return Iso8583Mac.Verify(message, _terminals[entry.Terminal].CheckingKey) ? LoadOutcome.FromResponseCode(code) : malformed;
        }

        return code.SequenceEqual("30"u8) || code.SequenceEqual("12"u8) ? LoadOutcome.FromResponseCode(code) : malformed;
    }

    private static bool IsCodeCharacter(byte c) => c is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'Z');

    private void Finish(in PendingEntry entry, LoadOutcome outcome)
    {
        switch (entry.Kind)
        {
            case PendingKind.Load:
                entry.Sink!.Complete(in entry.Request, entry.Intended, outcome, _clock.Now);
                break;
            case PendingKind.SignOn:
                FinishSignOn(in entry, outcome);
                break;
            case PendingKind.Echo:
                Volatile.Write(ref _echoOutstanding, 0);
                break;
            default:
                throw new InvalidOperationException($"Unknown pending kind {entry.Kind}.");
        }
    }

    private void FinishSignOn(in PendingEntry entry, LoadOutcome outcome)
    {
        SignOnRound? round;
        lock (_gate)
        {
            round = _signOn;
        }

        if (outcome.IsApproved)
        {
            Interlocked.Increment(ref _counters.SignOns);
            round?.Approve(_terminals.Length);
        }
        else
        {
            round?.Fail(new SignOnRefusedException($"the sign-on of terminal {_terminals[entry.Terminal].Id} was answered {outcome}"));
        }
    }

    /// <summary>The gateway may test the link too: an echo (0800/301) is answered 00, with a MAC when it carried a valid one.</summary>
    private void AnswerRequest(IsoSession session, Iso8583Message request)
    {
        if (request.MessageType != MessageType.NetworkManagementRequest ||
            request.GetNumeric(FieldNumber.NetworkManagementCode) != (long)NetworkManagementCode.Echo)
        {
            Interlocked.Increment(ref _counters.MalformedResponses);
            return;
        }

        MacKey? key = null;
        if (request.MacField != 0 && request.Has(FieldNumber.TerminalId) &&
            _terminalsById.TryGetValue(TransmissionKey.PackTerminalId(request.GetText(FieldNumber.TerminalId)), out var local) &&
            Iso8583Mac.Verify(request, _terminals[local].CheckingKey))
        {
            key = _terminals[local].SigningKey;
        }

        _answerBuilder.BeginResponse(request).SetResponseCode(0);
        lock (_gate)
        {
            if (_session != session)
            {
                return;
            }

            var written = _answerBuilder.WriteFramedTo(session.Output.Writer, key);
            Interlocked.Add(ref session.QueuedBytes, written);
            FlushLocked(session);
        }

        Interlocked.Increment(ref _counters.EchoesAnswered);
    }
}
