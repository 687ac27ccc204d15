using LifeOS.Migrator;
using Microsoft.Extensions.Hosting;

// Brings the database named by ConnectionStrings__timescale to this build's schema, prints what it did, and exits:
// 0 done (or nothing to do), 1 a migration failed, 2 misconfigured, 3 the database never accepted connections.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
return await MigratorRun.ExecuteAsync(builder);
