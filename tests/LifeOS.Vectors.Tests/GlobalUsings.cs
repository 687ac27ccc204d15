global using LifeOS.Vectors;
global using LifeOS.Vectors.Tests.Contract;
