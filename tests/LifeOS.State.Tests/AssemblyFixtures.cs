using LifeOS.Testing.Servers;

// One Redis server for the whole run; each test isolates itself with its own key prefix.
[assembly: AssemblyFixture(typeof(RedisServer))]
