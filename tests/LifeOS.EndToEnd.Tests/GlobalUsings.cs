global using LifeOS.Testing;
global using LifeOS.Testing.Agents;
global using LifeOS.Testing.Processes;
