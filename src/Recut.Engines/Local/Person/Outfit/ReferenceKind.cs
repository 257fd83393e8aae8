namespace Recut.Engines.Local.Person.Outfit;

/// <summary>Where the target garment colour came from.</summary>
public enum ReferenceKind
{
    /// <summary>A flat colour swatch (or a garment of one flat colour).</summary>
    Swatch,

    /// <summary>A photo of a person wearing the garment.</summary>
    PersonPhoto,

    /// <summary>A garment on a backdrop.</summary>
    ProductShot,

    /// <summary>A colour named in the instruction.</summary>
    Text,
}
