// Each test owns a server process and times its kills against measured request durations; on a small machine a
// second server running beside it would skew both, so the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
