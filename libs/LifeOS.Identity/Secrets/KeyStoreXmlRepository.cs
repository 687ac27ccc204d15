using System.Xml.Linq;
using LifeOS.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace LifeOS.Identity.Secrets;

/// <summary>Keeps the Data Protection key ring in the shared store (PostgreSQL when split), so every replica reads the same keys.</summary>
public sealed class KeyStoreXmlRepository(IDataProtectionKeyStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.GetAll().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        store.Store(string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
