using System.Diagnostics;
using System.Threading.Channels;
using NeuroExercises.Grader.Cli;
using NeuroExercises.Grader.Compile;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Judge;
using NeuroExercises.Grader.Reports;

namespace NeuroExercises.Grader.Batch;

/// <summary>
/// Grades a folder of submissions with the single-submission pipeline (<see cref="GradePipeline"/>), as steps:
/// 1. list the folder (<see cref="SubmissionScanner"/>; bad input stops here, nothing written) and keep this shard's ids;
/// 2. check that the output folder is writable (before any grading);
/// 3. discover the week's checks and hash the manifest (once);
/// 4. key each submission (content, grader version, manifest): a valid record with the same key is reused;
/// 5. grade the rest with <see cref="BatchOptions.Workers"/> workers, each on its own range of sandbox slots (distinct uids);
///    per submission: reports first, then record.json (atomic) — a killed batch loses at most the grades in flight;
/// 6. write gradebook.csv and batch.json (atomic) from the records.
/// </summary>
internal static class BatchRunner
{
    /// <summary>Folder of the per-submission outputs inside the output folder.</summary>
    public const string SubmissionsFolder = "submissions";

    /// <summary>Grades the batch; throws <see cref="BatchInputException"/> for unusable input.</summary>
    public static async Task<BatchSummary> RunAsync(BatchOptions options, IBatchProgress progress, CancellationToken cancellationToken = default)
    {
        var wall = Stopwatch.StartNew();
        if (options.Workers < 1 || options.SlotsPerGrade < 1 || options.SlotBase < 0
            || options.SlotBase + (options.Workers * options.SlotsPerGrade) > Sandbox.SandboxSession.MaxSlots)
        {
            throw new BatchInputException(
                $"grade-batch: {options.Workers} workers × {options.SlotsPerGrade} slots from slot {options.SlotBase} need sandbox slots up to {options.SlotBase + (options.Workers * options.SlotsPerGrade) - 1}, but slots are 0–{Sandbox.SandboxSession.MaxSlots - 1}; use fewer --workers.");
        }

        var folder = SubmissionScanner.Scan(options.Folder);
        var submissions = folder.Submissions.Where(s => options.Shard.Contains(s.Id)).ToList();
        var refusedLinks = folder.Refused.Where(kv => options.Shard.Contains(kv.Key)).ToList();
        var outDir = Path.GetFullPath(options.OutDirectory);
        EnsureWritable(outDir);

        var checksPath = options.Week.ChecksPath;
        var checks = GradePipeline.DiscoverChecks(checksPath, options.Week.Id);
        var manifest = ManifestHash.Compute(checks, SnapshotStore.For(options.SnapshotsRoot, options.Week));
        var checkIds = checks.Select(c => c.Id).ToList();
        var maxScore = checks.Sum(c => c.Points);
        var grader = Provenance.GraderVersion;
        var subRoot = Path.Combine(outDir, SubmissionsFolder);
        Directory.CreateDirectory(subRoot);

        var records = new Dictionary<string, BatchRecord>(StringComparer.Ordinal);
        var todo = new List<(BatchSubmission Submission, string Content, string Key)>();
        foreach (var s in submissions)
        {
            string content;
            try
            {
                content = BatchKey.ContentHash(s);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                content = "unreadable:" + e.GetType().Name;
            }

            var key = BatchKey.Of(content, grader, manifest);
            if (BatchRecord.TryRead(Path.Combine(subRoot, s.Id)) is { } old && old.Key == key && old.Status != BatchStatus.Error)
            {
                records[s.Id] = old;
            }
            else
            {
                todo.Add((s, content, key));
            }
        }

        foreach (var (id, reason) in refusedLinks)
        {
            var record = new BatchRecord(id, BatchKey.Of("link", grader, manifest), "", BatchStatus.Refused, 0, maxScore, checkIds.ToDictionary(c => c, _ => 0.0), grader, manifest, reason, 0);
            var dir = Path.Combine(subRoot, id);
            Directory.CreateDirectory(dir);
            WriteReports(dir, ZeroGrade(options, manifest, reason, grader), options.Feedback);
            record.Write(dir);
            records[id] = record;
        }

        var reused = records.Count; // reused records, and symbolic links (refused again, at no cost)
        progress.Start(submissions.Count + refusedLinks.Count, records.Count);
        var queue = Channel.CreateUnbounded<(BatchSubmission Submission, string Content, string Key)>();
        foreach (var item in todo)
        {
            queue.Writer.TryWrite(item);
        }

        queue.Writer.Complete();
        var gate = new Lock();
        double busy = 0;
        var workers = Math.Max(1, Math.Min(options.Workers, Math.Max(1, todo.Count)));
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(
            async () =>
            {
                var slotBase = options.SlotBase + (w * options.SlotsPerGrade);
                using var compileServers = options.CompileServer ? new CompileServerHolder() : null;
                await foreach (var (submission, content, key) in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    progress.Began(submission.Id);
                    var record = await GradeOneAsync(options, submission, content, key, slotBase, subRoot, manifest, maxScore, checkIds, compileServers, cancellationToken).ConfigureAwait(false);
                    lock (gate)
                    {
                        records[submission.Id] = record;
                        busy += record.Seconds;
                    }

                    progress.Ended(record);
                }
            },
            cancellationToken))).ConfigureAwait(false);

        var ordered = records.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var gradebook = Path.Combine(outDir, Gradebook.FileName);
        AtomicFile.WriteAllText(gradebook, Gradebook.Render(checkIds, ordered));
        new BatchManifest(options.Week.Id, grader, manifest, options.Shard.ToString(), checkIds, [.. ordered.Select(r => r.Id)], ordered.All(r => r.Status != BatchStatus.Error)).Write(outDir);
        return new BatchSummary(ordered, reused, wall.Elapsed.TotalSeconds, busy, workers, gradebook);
    }

    private static async Task<BatchRecord> GradeOneAsync(
        BatchOptions options, BatchSubmission submission, string content, string key, int slotBase, string subRoot, string manifest, double maxScore, IReadOnlyList<string> checkIds, CompileServerHolder? compileServers, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        var grader = Provenance.GraderVersion;
        var dir = Path.Combine(subRoot, submission.Id);
        BatchRecord Zero(string status, string reason) =>
            new(submission.Id, key, content, status, 0, maxScore, checkIds.ToDictionary(c => c, _ => 0.0), grader, manifest, reason, sw.Elapsed.TotalSeconds);

        string? extracted = null;
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true); // a grade killed half-way left reports without a record
            }

            Directory.CreateDirectory(dir);
            var source = submission.Path;
            if (submission.IsZip)
            {
                extracted = Path.Combine(Path.GetTempPath(), $"neuro-batch-{Environment.ProcessId}-{Guid.NewGuid():N}");
                if (SafeZip.Extract(submission.Path, extracted, options.Zip) is { } refusal)
                {
                    extracted = null;
                    WriteReports(dir, ZeroGrade(options, manifest, refusal, grader), options.Feedback);
                    var refused = Zero(BatchStatus.Refused, refusal);
                    refused.Write(dir);
                    return refused;
                }

                source = extracted;
            }

            var scan = SubmissionSources.Read(source);
            var request = new GradeRequest(source, options.Week, options.Device, options.Sandbox, options.SnapshotsRoot, dir)
            {
                Parallelism = options.SlotsPerGrade,
                SlotBase = slotBase,
                TimeLimitScale = options.TimeLimitScale,
                InputsDirectory = options.InputsDirectory,
                CompileServers = compileServers,
            };
            var grade = await GradePipeline.GradeAsync(request, cancellationToken).ConfigureAwait(false);
            WriteReports(dir, grade, options.Feedback);
            var status = scan.Refusals.Count > 0 || scan.Files.Count == 0 ? BatchStatus.Refused
                : grade.Checks.Count > 0 && grade.Checks.All(c => c.Outcome == "not-run") && grade.Message.Length > 0 ? BatchStatus.CompileError
                : BatchStatus.Graded;
            var reason = status == BatchStatus.Refused
                ? (scan.Refusals.Count > 0 ? string.Join("; ", scan.Refusals.Select(r => r.ToString())) : "the submission holds no .cs files; submit the week's project folder.")
                : status == BatchStatus.CompileError ? FirstErrorLine(grade.Message) : "";
            var record = new BatchRecord(
                submission.Id, key, content, status, grade.Score, grade.MaxScore, grade.Checks.ToDictionary(c => c.Id, c => c.Score),
                grade.Provenance?.Grader ?? grader, grade.ManifestHash, reason, sw.Elapsed.TotalSeconds);
            record.Write(dir);
            return record;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or UnauthorizedAccessException or InvalidDataException)
        {
            var reason = $"the grader could not grade this submission ({e.Message}); run the same grade-batch command again to retry it.";
            var record = Zero(BatchStatus.Error, reason);
            try
            {
                Directory.CreateDirectory(dir);
                WriteReports(dir, ZeroGrade(options, manifest, reason, grader), options.Feedback);
                record.Write(dir);
            }
            catch (Exception e2) when (e2 is IOException or UnauthorizedAccessException)
            {
                // The gradebook still lists it as an error.
            }

            return record;
        }
        finally
        {
            if (extracted is not null && Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }
        }
    }

    /// <summary>results.json (Gradescope), junit.xml and the feedback page of one grade, each written atomically.</summary>
    internal static void WriteReports(string dir, GradeResult grade, bool feedback)
    {
        AtomicFile.WriteAllText(Path.Combine(dir, "results.json"), GradeCommand.Render(grade, "gradescope"));
        AtomicFile.WriteAllText(Path.Combine(dir, "junit.xml"), GradeCommand.Render(grade, "junit"));
        if (feedback)
        {
            FeedbackReport.Write(grade, dir, DateTimeOffset.UtcNow);
        }
    }

    private static GradeResult ZeroGrade(BatchOptions options, string manifest, string reason, string grader) =>
        new(options.Week.Id, "none", "none", 0, 0, [], manifest, 0, $"The submission was not graded: {reason}")
        {
            Provenance = new Provenance(grader, "", options.Week.Id, "none", "none (not run)"),
        };

    private static string FirstErrorLine(string message)
    {
        var lines = message.Split('\n');
        return lines.Length > 1 ? "does not compile: " + lines[1].Trim() : message;
    }

    private static void EnsureWritable(string outDir)
    {
        try
        {
            Directory.CreateDirectory(outDir);
            var probe = Path.Combine(outDir, $".write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BatchInputException($"grade-batch: cannot write to the output folder '{outDir}' ({e.Message}); pass a writable --out folder (or make this one writable) and run again. Nothing was graded.", e);
        }
    }
}
