global using LifeOS.State;
global using LifeOS.State.Redis;
global using LifeOS.Testing.Servers;
global using LifeOS.Testing.State;
