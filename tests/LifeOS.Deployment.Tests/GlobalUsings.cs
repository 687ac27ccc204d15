global using LifeOS.Testing;
global using LifeOS.Testing.Processes;
