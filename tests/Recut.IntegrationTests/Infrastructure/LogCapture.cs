using System.Text;
using Microsoft.Extensions.Logging;

namespace Recut.IntegrationTests.Infrastructure;

/// <summary>Keeps every log line of an in-process host as text, so tests can assert on it as they do on a child's stdout.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly StringBuilder _text = new();

    public string Text { get { lock (_text) { return _text.ToString(); } } }

    public void Add(string line)
    {
        lock (_text)
        {
            _text.AppendLine(line);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            owner.Add($"{logLevel}: {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
        }
    }
}
