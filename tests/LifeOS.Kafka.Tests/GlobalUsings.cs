global using LifeOS.Eventing;
global using LifeOS.Eventing.Kafka;
global using LifeOS.Testing.Eventing;
