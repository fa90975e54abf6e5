using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using CardActors.Domain.Codes;
using CardActors.Iso8583;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace CardActors.Node.Gateway;

/// <summary>
/// One POS connection: frames are read and parsed in order, each request is decided concurrently
/// (pipelining), and answers are written in the order they complete, many per flush. Reading pauses
/// while too many requests are outstanding (back-pressure); a connection that completes no frame for
/// the idle timeout, or whose framing breaks, is closed — other connections never notice.
/// </summary>
internal sealed class IsoConnection : IDisposable
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(10);
    private readonly ConnectionContext _context;
    private readonly IsoProcessor _processor;
    private readonly Channel<IsoExchange> _answers = Channel.CreateUnbounded<IsoExchange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Iso8583MessageBuilder _builder = new();
    private readonly SemaphoreSlim _capacity = new(0);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outstanding;
    private volatile bool _closing;

    public IsoConnection(ConnectionContext context, IsoProcessor processor)
    {
        _context = context;
        _processor = processor;
    }

    public async Task RunAsync()
    {
        var writing = WriteLoopAsync();
        try
        {
            await ReadLoopAsync();
        }
        finally
        {
            _closing = true;
            if (Volatile.Read(ref _outstanding) == 0)
            {
                _drained.TrySetResult();
            }

            await _drained.Task.WaitAsync(DrainGrace).ContinueWith(static _ => { }, TaskScheduler.Default);
            _answers.Writer.TryComplete();
            await writing;
        }
    }

    /// <summary>The gateway's clock (timestamps of the connection's exchanges).</summary>
    public TimeProvider Time => _processor.Time;

    public void Dispose()
    {
        _builder.Dispose();
        _capacity.Dispose();
    }

    /// <summary>
    /// Reads and dispatches frames. The idle timeout restarts when a frame begins and when one
    /// completes, not on every byte: a frame must arrive whole within the timeout, so a client that
    /// trickles a frame in a byte at a time, or stops mid-frame, is closed like an idle one.
    /// </summary>
    private async Task ReadLoopAsync()
    {
        var input = _context.Transport.Input;
        var idleTimeout = _processor.Options.IdleTimeout;
        var idle = new CancellationTokenSource(idleTimeout);
        var betweenFrames = true;
        try
        {
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await input.ReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (idle.IsCancellationRequested)
                {
                    GatewayLog.IdleClosed(_processor.Log, _context.ConnectionId, idleTimeout);
                    return;
                }

                var buffer = result.Buffer;
                var framed = false;
                try
                {
                    while (Iso8583Framing.TryReadFrame(ref buffer, out var frame))
                    {
                        Handle(frame);
                        framed = true;
                    }
                }
                catch (Iso8583FramingException exception)
                {
                    GatewayMetrics.FramingErrors.Add(1);
                    GatewayLog.FramingBroken(_processor.Log, _context.ConnectionId, exception.DeclaredLength);
                    input.AdvanceTo(result.Buffer.End);
                    return;
                }

                var frameBegan = betweenFrames;
                betweenFrames = buffer.IsEmpty;
                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }

                while (Volatile.Read(ref _outstanding) >= _processor.Options.MaxOutstandingPerConnection)
                {
                    await _capacity.WaitAsync(TimeSpan.FromMilliseconds(100));
                }

                if (framed || frameBegan)
                {
                    if (!idle.TryReset())
                    {
                        idle.Dispose();
                        idle = new CancellationTokenSource();
                    }

                    idle.CancelAfter(idleTimeout);
                }
            }
        }
        catch (ConnectionResetException)
        {
        }
        finally
        {
            idle.Dispose();
        }
    }

    private void Handle(in ReadOnlySequence<byte> frame)
    {
        Interlocked.Increment(ref _outstanding);
        var exchange = IsoExchange.Rent(this, _processor.Time.GetTimestamp());
        if (!exchange.TryLoad(frame, out var error))
        {
            GatewayLog.FormatError(_processor.Log, _context.ConnectionId, error.ToString());
            exchange.Answer(IsoResponse.FormatError);
            return;
        }

        _processor.Handle(exchange);
    }

    /// <summary>Called by whichever thread decided the answer.</summary>
    public void Enqueue(IsoExchange exchange)
    {
        if (!_answers.Writer.TryWrite(exchange))
        {
            exchange.Return(); // the connection is gone; the POS will time out and reverse
            Release();
        }
    }

    private async Task WriteLoopAsync()
    {
        var output = _context.Transport.Output;
        var reader = _answers.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var exchange))
                {
                    try
                    {
                        Write(output, exchange);
                    }
                    finally
                    {
                        exchange.Return();
                        Release();
                    }
                }

                var flushed = await output.FlushAsync();
                if (flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is ConnectionResetException or IOException or InvalidOperationException)
        {
            GatewayLog.WriteFailed(_processor.Log, exception, _context.ConnectionId);
        }
        finally
        {
            while (reader.TryRead(out var abandoned))
            {
                abandoned.Return();
                Release();
            }
        }
    }

    private void Write(PipeWriter output, IsoExchange exchange)
    {
        var response = exchange.Response;
        if (response.Kind == IsoResponseKind.FormatError)
        {
            _builder.BeginFormatErrorResponse(exchange.Message).WriteFramedTo(output);
        }
        else
        {
            _builder.BeginResponse(exchange.Message).SetResponseCode((int)response.Code);
            IsoAnswers.AddCardFields(_builder, exchange.Message, response, exchange.Transaction, _processor.CurrencyCode);
            _builder.WriteFramedTo(output, exchange.ResponseKey);
        }

        var now = _processor.Time.GetTimestamp();
        GatewayMetrics.Answered(exchange.Message.Mti, response.Code, _processor.Time.GetElapsedTime(exchange.ReceivedAt, now));
        if (exchange.DecidedAt != 0)
        {
            GatewayMetrics.AnswerLatency.Record(_processor.Time.GetElapsedTime(exchange.DecidedAt, now).TotalSeconds);
        }
    }

    private void Release()
    {
        var left = Interlocked.Decrement(ref _outstanding);
        if (left == _processor.Options.MaxOutstandingPerConnection - 1)
        {
            _capacity.Release();
        }

        if (left == 0 && _closing)
        {
            _drained.TrySetResult();
        }
    }
}
