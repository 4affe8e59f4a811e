using System.Collections.Concurrent;

namespace MinimaxMusic.Simulator;

/// <summary>
/// Everything the simulator remembers: accepted generations, the balance, the request log, armed faults and request counters.
/// Tests and benchmarks read the counters to prove how many upstream calls the app made.
/// </summary>
public sealed class SimulatorState(SimulatorOptions options)
{
    private readonly ConcurrentDictionary<string, SimulatedGeneration> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedGeneration> _byAudioToken = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SimulatedFault> _submitFaults = new();
    private readonly ConcurrentQueue<SimulatedFault> _pollFaults = new();
    private readonly ConcurrentQueue<SimulatedFault> _logFaults = new();
    private readonly ConcurrentDictionary<string, int> _acceptedByClientRequestId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<GenerationOutcome> _outcomes = new();
    private readonly Lock _balanceLock = new();
    private decimal _balance = options.StartingBalance;
    private int _submitRequests;
    private int _generationsCreated;
    private int _pollRequests;
    private int _billingRequests;
    private int _audioRequests;
    private int _logRequests;
    private long _sequence;
    private readonly Lock _submitsLock = new();
    private readonly LinkedList<AcceptedSubmit> _acceptedSubmits = new();
    private long _acceptedSubmitBytes;

    /// <summary>How many accepted bodies <see cref="AcceptedSubmits"/> keeps at most (the newest).</summary>
    public const int MaxKeptSubmits = 100;

    /// <summary>How many bytes of accepted bodies <see cref="AcceptedSubmits"/> keeps at most (a cover's base64 is large).</summary>
    public const long MaxKeptSubmitBytes = 64L * 1024 * 1024;

    /// <summary>Every POST to the submit endpoint, including refused ones.</summary>
    public int SubmitRequests => Volatile.Read(ref _submitRequests);

    /// <summary>Generations accepted (and charged): the number that matters for "never pay twice".</summary>
    public int GenerationsCreated => Volatile.Read(ref _generationsCreated);

    public int PollRequests => Volatile.Read(ref _pollRequests);

    public int BillingRequests => Volatile.Read(ref _billingRequests);

    public int AudioRequests => Volatile.Read(ref _audioRequests);

    /// <summary>Every GET of the request log, including refused ones.</summary>
    public int LogRequests => Volatile.Read(ref _logRequests);

    /// <summary>
    /// Accepted (charged) generations per <c>X-Client-Request-Id</c> they were submitted with; submits without a valid
    /// one are not listed. Any count above 1 means the client paid twice for the same piece of work.
    /// </summary>
    public IReadOnlyDictionary<string, int> AcceptedByClientRequestId => new Dictionary<string, int>(_acceptedByClientRequestId, StringComparer.Ordinal);

    /// <summary>What <c>GET /v2/logs</c> lists, for every key, newest first.</summary>
    public IReadOnlyList<LoggedRequest> RequestLog => Log.Rows();

    internal RequestLog Log { get; } = new();

    public decimal Balance
    {
        get
        {
            lock (_balanceLock)
            {
                return _balance;
            }
        }

        set
        {
            lock (_balanceLock)
            {
                _balance = value;
            }
        }
    }

    /// <summary>The prompts accepted so far, in no particular order.</summary>
    public IReadOnlyCollection<string> AcceptedPrompts => _generations.Values.Select(g => g.Prompt).ToArray();

    /// <summary>
    /// The accepted submits' bodies exactly as they arrived, oldest first: the newest <see cref="MaxKeptSubmits"/>, within
    /// <see cref="MaxKeptSubmitBytes"/> (the newest is always kept).
    /// </summary>
    public IReadOnlyList<AcceptedSubmit> AcceptedSubmits
    {
        get
        {
            lock (_submitsLock)
            {
                return _acceptedSubmits.ToArray();
            }
        }
    }

    /// <summary>The bodies of the accepted submits for <paramref name="model"/>, oldest first (see <see cref="AcceptedSubmits"/>).</summary>
    public IReadOnlyList<string> AcceptedBodies(string model)
        => AcceptedSubmits.Where(s => s.Model == model).Select(s => s.Body).ToArray();

    /// <summary>Accepted generations per model.</summary>
    public IReadOnlyDictionary<string, int> GenerationsByModel
        => _generations.Values.GroupBy(g => g.Model.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Arms faults answered, in order, by the next submits.</summary>
    public void ArmSubmitFaults(params SimulatedFault[] faults)
    {
        foreach (var fault in faults)
        {
            _submitFaults.Enqueue(fault);
        }
    }

    /// <summary>Arms faults answered, in order, by the next polls (of any generation).</summary>
    public void ArmPollFaults(params SimulatedFault[] faults)
    {
        foreach (var fault in faults)
        {
            _pollFaults.Enqueue(fault);
        }
    }

    /// <summary>Arms faults answered, in order, by the next reads of the request log (<c>GET /v2/logs</c>).</summary>
    public void ArmLogFaults(params SimulatedFault[] faults)
    {
        foreach (var fault in faults)
        {
            _logFaults.Enqueue(fault);
        }
    }

    /// <summary>Decides how the next accepted generation ends (default: it completes).</summary>
    public void ArmNextGenerationOutcome(GenerationOutcome outcome) => _outcomes.Enqueue(outcome);

    public void Reset()
    {
        _submitFaults.Clear();
        _pollFaults.Clear();
        _logFaults.Clear();
        _outcomes.Clear();
        _acceptedByClientRequestId.Clear();
        Log.Clear();
        _generations.Clear();
        _byAudioToken.Clear();
        lock (_submitsLock)
        {
            _acceptedSubmits.Clear();
            _acceptedSubmitBytes = 0;
        }

        Balance = options.StartingBalance;
        Interlocked.Exchange(ref _submitRequests, 0);
        Interlocked.Exchange(ref _generationsCreated, 0);
        Interlocked.Exchange(ref _pollRequests, 0);
        Interlocked.Exchange(ref _billingRequests, 0);
        Interlocked.Exchange(ref _audioRequests, 0);
        Interlocked.Exchange(ref _logRequests, 0);
        Interlocked.Exchange(ref _sequence, 0);
    }

    internal void CountSubmitRequest() => Interlocked.Increment(ref _submitRequests);

    internal void CountPollRequest() => Interlocked.Increment(ref _pollRequests);

    // Taken only by authorised requests, so a refused key never uses up a fault armed for the app.
    internal SimulatedFault? TakeSubmitFault() => _submitFaults.TryDequeue(out var fault) ? fault : null;

    internal SimulatedFault? TakePollFault() => _pollFaults.TryDequeue(out var fault) ? fault : null;

    internal SimulatedFault? TakeLogFault() => _logFaults.TryDequeue(out var fault) ? fault : null;

    internal void CountLogRequest() => Interlocked.Increment(ref _logRequests);

    internal void CountBillingRequest() => Interlocked.Increment(ref _billingRequests);

    internal void CountAudioRequest() => Interlocked.Increment(ref _audioRequests);

    /// <summary>
    /// Charges the model's price and creates generation <paramref name="id"/> from a valid <paramref name="body"/>, or
    /// returns null when the balance cannot pay for it.
    /// </summary>
    internal SimulatedGeneration? TryCreate(string id, SubmitBody body, string? clientRequestId, DateTimeOffset now)
    {
        var model = body.Song?.Model ?? MusicModels.Legacy;
        var price = options.CostFor(model);
        lock (_balanceLock)
        {
            if (_balance < price)
            {
                return null;
            }

            _balance -= price;
        }

        var outcome = _outcomes.TryDequeue(out var armed) ? armed : GenerationOutcome.Complete;
        var generation = new SimulatedGeneration(
            id,
            body.Prompt ?? "",
            body.Reference ?? "",
            createdAt: now,
            duration: options.Scaled(options.GenerationTimeFor(Interlocked.Increment(ref _sequence) - 1)),
            outcome,
            audioToken: model.IsLegacy ? AudioToken.Create() : AudioToken.CreateKey(),
            linkLifetime: outcome.LinkLifetime ?? options.AudioLinkLifetime ?? (model.IsLegacy ? null : SimulatorOptions.SignedLinkLifetime),
            usd: price,
            credits: options.CreditsFor(model),
            model,
            body.Song);
        _generations[generation.Id] = generation;
        _byAudioToken[generation.AudioToken] = generation;
        Interlocked.Increment(ref _generationsCreated);
        if (clientRequestId is not null)
        {
            _acceptedByClientRequestId.AddOrUpdate(clientRequestId, 1, (_, count) => count + 1);
        }

        KeepSubmit(new AcceptedSubmit(id, model.Id, now, body.Raw));
        return generation;
    }

    private void KeepSubmit(AcceptedSubmit submit)
    {
        lock (_submitsLock)
        {
            _acceptedSubmits.AddLast(submit);
            _acceptedSubmitBytes += submit.Size;
            while (_acceptedSubmits.Count > 1 && (_acceptedSubmits.Count > MaxKeptSubmits || _acceptedSubmitBytes > MaxKeptSubmitBytes))
            {
                _acceptedSubmitBytes -= _acceptedSubmits.First!.Value.Size;
                _acceptedSubmits.RemoveFirst();
            }
        }
    }

    /// <summary>
    /// One line per accepted generation: when it was created and completed, when a poll first reported it completed,
    /// and how many polls it got. Benchmarks read detection lag and polls per song from here.
    /// </summary>
    public IReadOnlyList<GenerationReport> Reports() =>
        _generations.Values
            .Select(g => new GenerationReport(g.Id, g.CreatedAt, g.CompletesAt, g.Outcome.Kind == OutcomeKind.Complete || g.Outcome.Kind == OutcomeKind.ExpiringAudio,
                g.FirstReportedCompletedAt, g.Polls))
            .OrderBy(r => r.CreatedAt)
            .ToArray();

    internal SimulatedGeneration? Find(string id) => _generations.GetValueOrDefault(id);

    internal SimulatedGeneration? FindByAudioToken(string token) => _byAudioToken.GetValueOrDefault(token);
}

/// <summary>What the simulator knows about one generation; times are in the simulator's clock (scaled).</summary>
public sealed record GenerationReport(
    string Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset CompletesAt,
    bool Completes,
    DateTimeOffset? FirstReportedCompletedAt,
    int Polls)
{
    /// <summary>How long the client took to learn the song was done; null until it did.</summary>
    public TimeSpan? DetectionLag => FirstReportedCompletedAt - CompletesAt;
}

/// <summary>An accepted submit: its generation id, the model, when, and the body exactly as the client sent it.</summary>
public sealed class AcceptedSubmit
{
    private readonly byte[] _raw;

    internal AcceptedSubmit(string id, string model, DateTimeOffset receivedAt, byte[] raw)
    {
        Id = id;
        Model = model;
        ReceivedAt = receivedAt;
        _raw = raw;
    }

    public string Id { get; }

    public string Model { get; }

    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The raw JSON body (UTF-8 decoded).</summary>
    public string Body => System.Text.Encoding.UTF8.GetString(_raw);

    internal long Size => _raw.LongLength;
}
