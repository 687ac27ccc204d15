global using LifeOS.Testing;
global using LifeOS.Testing.Eventing;
global using LifeOS.Testing.Storage;
