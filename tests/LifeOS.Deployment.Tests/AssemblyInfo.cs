// The stack tests run a whole deployment of processes on a small machine; two at once would starve each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
