global using LifeOS.Contracts;
global using LifeOS.Contracts.Validation;
