namespace ImageService.Imaging;

/// <summary>A rectangle in pixels: an area to extract, or a canvas with the image's offset inside it.</summary>
internal readonly record struct Region(int Left, int Top, int Width, int Height);
