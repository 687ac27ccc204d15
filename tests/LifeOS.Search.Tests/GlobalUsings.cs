global using LifeOS.Search;
global using LifeOS.Search.Postgres;
global using LifeOS.Testing.Servers;
global using LifeOS.Testing.Search;

// One private PostgreSQL cluster for the whole test run; each test class gets its own database on it.
[assembly: AssemblyFixture(typeof(PostgresServer))]
