global using LifeOS.Storage;
global using LifeOS.Storage.Postgres;
global using LifeOS.Testing;
global using LifeOS.Testing.Servers;
global using LifeOS.Testing.Storage;

// One private PostgreSQL cluster for the whole test run; each test class gets its own database on it.
[assembly: AssemblyFixture(typeof(PostgresServer))]
