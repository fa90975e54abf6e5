using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using CardActors.Iso8583;

namespace CardActors.LoadGen.Tests.Support;

/// <summary>One accepted connection of <see cref="FakeIsoGateway"/>: reads frames, records them, answers.</summary>
internal sealed class FakeIsoConnection(FakeIsoGateway gateway, int number, Socket socket)
{
    private readonly object _writeGate = new();
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);
    private readonly List<byte[]> _held = [];
    private readonly List<(int Mti, string Code, bool MacValid)> _answers = [];
    private int _trading;

    /// <summary>Answers the client gave to the gateway's own requests (echo tests).</summary>
    public IReadOnlyList<(int Mti, string Code, bool MacValid)> Answers
    {
        get
        {
            lock (_answers)
            {
                return [.. _answers];
            }
        }
    }

    public void Start() => _ = Task.Run(ReadAsync);

    public void Close() => socket.Dispose();

    public void Write(Iso8583MessageBuilder builder, MacKey? key, bool corrupt)
    {
        var buffer = new ArrayBufferWriter<byte>();
        builder.WriteFramedTo(buffer, key);
        var bytes = buffer.WrittenSpan.ToArray();
        if (corrupt)
        {
            bytes[^1] ^= 0xFF;
        }

        Send(bytes);
    }

    private void Send(byte[] bytes)
    {
        lock (_writeGate)
        {
            try
            {
                _stream.Write(bytes);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The client went away; nothing to answer.
            }
        }
    }

    private async Task ReadAsync()
    {
        var reader = PipeReader.Create(_stream);
        using var message = new Iso8583Message();
        using var builder = new Iso8583MessageBuilder();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                while (Iso8583Framing.TryReadFrame(ref buffer, out var frame))
                {
                    Handle(message, builder, frame);
                    if (gateway.StallReading && _trading > 0)
                    {
                        await gateway.Stopped;
                    }
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // Closed by either side.
        }
        finally
        {
            await reader.CompleteAsync();
            Close();
            gateway.Signal();
        }
    }

    private void Handle(Iso8583Message message, Iso8583MessageBuilder builder, ReadOnlySequence<byte> frame)
    {
        if (!message.TryParse(frame, out var error))
        {
            gateway.Record(new ReceivedMessage(number, -1, error.ToString(), "", 0, 0, null, null, null, null, null, null, 0, false));
            return;
        }

        if (!MessageTypes.IsRequest(message.MessageType))
        {
            var code = System.Text.Encoding.ASCII.GetString(message.GetText(FieldNumber.ResponseCode));
            var valid = message.MacField != 0 && Iso8583Mac.Verify(message, gateway.Keys, out _) == MacVerification.Valid;
            lock (_answers)
            {
                _answers.Add((message.Mti, code, valid));
            }

            gateway.Signal();
            return;
        }

        var macValid = Iso8583Mac.Verify(message, gateway.Keys, out var key) == MacVerification.Valid;
        var received = ReceivedMessage.Of(number, message, macValid);
        gateway.Record(received);
        if (received.IsTrading && ++_trading >= gateway.DropAfter)
        {
            gateway.DropAfter = int.MaxValue;
            Close();
            return;
        }

        var answer = received.IsTrading ? gateway.Decide(received) : received.IsSignOn ? gateway.SignOnCode : "00";
        if (answer is null)
        {
            return;
        }

        builder.BeginResponse(message).SetText(FieldNumber.ResponseCode, answer);
        var authorization = message.Mti is 100 or 200;
        if (authorization && answer == "00")
        {
            builder.SetText(FieldNumber.ApprovalCode, "A00001");
        }

        if (authorization && answer is "00" or "51")
        {
            builder.SetAdditionalAmounts([new AdditionalAmount(AmountAccount.Card, AmountType.AvailableBalance, 156, 12_345)]);
        }

        if (!received.IsTrading || (gateway.ReverseBatch <= 1 && gateway.AnswerDelay == TimeSpan.Zero))
        {
            Write(builder, macValid ? key : null, corrupt: received.IsTrading && gateway.CorruptMac);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>();
        builder.WriteFramedTo(buffer, macValid ? key : null);
        var bytes = buffer.WrittenSpan.ToArray();
        if (gateway.AnswerDelay > TimeSpan.Zero)
        {
            _ = Task.Delay(gateway.AnswerDelay).ContinueWith(_ => Send(bytes), TaskScheduler.Default);
            return;
        }

        _held.Add(bytes);
        if (_held.Count >= gateway.ReverseBatch)
        {
            for (var i = _held.Count - 1; i >= 0; i--)
            {
                Send(_held[i]);
            }

            _held.Clear();
        }
    }
}
