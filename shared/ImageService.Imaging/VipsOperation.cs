using System.Runtime.InteropServices;
using ImageService.Imaging.Interop;

namespace ImageService.Imaging;

/// <summary>
/// One libvips operation call without C varargs: <c>vips_operation_new</c>, inputs set as GValues typed from the
/// argument's own GParamSpec, <c>vips_cache_operation_build</c>, outputs read as GValues, and on dispose
/// <c>vips_object_unref_outputs</c> then unref.
/// </summary>
internal sealed class VipsOperation : IDisposable
{
    private VipsOperationHandle _handle;
    private readonly string _name;
    private bool _built;

    private VipsOperation(string name, VipsOperationHandle handle)
    {
        _name = name;
        _handle = handle;
    }

    public static VipsOperation Create(string name)
    {
        var pointer = VipsOperationNative.VipsOperationNew(name);
        if (pointer == IntPtr.Zero)
        {
            // A name this code got wrong, not a property of the input: never reported as a bad image.
            throw new InvalidOperationException(VipsException.FromBuffer($"unknown operation {name}").Message);
        }

        return new VipsOperation(name, new VipsOperationHandle(pointer));
    }

    public VipsOperation Set(string name, int value)
    {
        var type = ArgumentType(name);
        var gvalue = Init(type);
        switch (GObjectNative.GTypeFundamental(type))
        {
            case GValueNative.GTypeEnum: GValueNative.GValueSetEnum(ref gvalue, value); break;
            case GValueNative.GTypeFlags: GValueNative.GValueSetFlags(ref gvalue, (uint)value); break;
            case GValueNative.GTypeDouble: GValueNative.GValueSetDouble(ref gvalue, value); break;
            case GValueNative.GTypeBoolean: GValueNative.GValueSetBoolean(ref gvalue, value != 0 ? 1 : 0); break;
            default: GValueNative.GValueSetInt(ref gvalue, value); break;
        }

        return Apply(name, ref gvalue);
    }

    public VipsOperation Set(string name, double value)
    {
        var gvalue = Init(ArgumentType(name));
        GValueNative.GValueSetDouble(ref gvalue, value);
        return Apply(name, ref gvalue);
    }

    public VipsOperation Set(string name, bool value)
    {
        var gvalue = Init(ArgumentType(name));
        GValueNative.GValueSetBoolean(ref gvalue, value ? 1 : 0);
        return Apply(name, ref gvalue);
    }

    /// <summary>Sets a string argument, or an enum/flags argument by its libvips nickname ("attention", "none").</summary>
    public VipsOperation Set(string name, string value)
    {
        var type = ArgumentType(name);
        var gvalue = Init(type);
        switch (GObjectNative.GTypeFundamental(type))
        {
            case GValueNative.GTypeEnum:
                var number = VipsObjectNative.VipsEnumFromNick(_name, type, value);
                if (number < 0)
                {
                    GValueNative.GValueUnset(ref gvalue);
                    throw VipsException.FromBuffer($"{_name}.{name}");
                }

                GValueNative.GValueSetEnum(ref gvalue, number);
                break;
            case GValueNative.GTypeFlags:
                var flags = VipsObjectNative.VipsFlagsFromNick(_name, type, value);
                if (flags < 0)
                {
                    GValueNative.GValueUnset(ref gvalue);
                    throw VipsException.FromBuffer($"{_name}.{name}");
                }

                GValueNative.GValueSetFlags(ref gvalue, (uint)flags);
                break;
            default:
                GValueNative.GValueSetString(ref gvalue, value);
                break;
        }

        return Apply(name, ref gvalue);
    }

    public VipsOperation Set(string name, VipsImageHandle image)
    {
        var gvalue = Init(ArgumentType(name));
        GValueNative.GValueSetObject(ref gvalue, image);
        return Apply(name, ref gvalue);
    }

    public VipsOperation Set(string name, VipsAreaHandle blob)
    {
        var gvalue = Init(ArgumentType(name));
        GValueNative.GValueSetBoxed(ref gvalue, blob);
        return Apply(name, ref gvalue);
    }

    public unsafe VipsOperation Set(string name, ReadOnlySpan<double> values)
    {
        var gvalue = Init(ArgumentType(name));
        fixed (double* array = values)
        {
            GValueNative.VipsValueSetArrayDouble(ref gvalue, array, values.Length);
        }

        return Apply(name, ref gvalue);
    }

    /// <summary>Builds through the operation cache; afterwards this object refers to the built operation.</summary>
    public VipsOperation Build()
    {
        var built = VipsOperationNative.VipsCacheOperationBuild(_handle);
        if (built == IntPtr.Zero)
        {
            var error = VipsException.FromBuffer(_name);
            VipsObjectNative.VipsObjectUnrefOutputs(_handle);
            _handle.Dispose();
            throw error;
        }

        _handle.Dispose();
        _handle = new VipsOperationHandle(built);
        _built = true;
        return this;
    }

    public VipsImageHandle GetImage(string name)
    {
        var gvalue = Init(ArgumentType(name));
        GObjectNative.GObjectGetProperty(_handle, name, ref gvalue);
        var pointer = GValueNative.GValueGetObject(ref gvalue);
        var owned = pointer == IntPtr.Zero ? IntPtr.Zero : GObjectNative.GObjectRef(pointer);
        GValueNative.GValueUnset(ref gvalue);
        return owned == IntPtr.Zero ? throw new VipsException($"{_name} produced no {name}") : new VipsImageHandle(owned);
    }

    public double[] GetDoubles(string name)
    {
        var gvalue = Init(ArgumentType(name));
        GObjectNative.GObjectGetProperty(_handle, name, ref gvalue);
        try
        {
            var data = GValueNative.VipsValueGetArrayDouble(ref gvalue, out var count);
            var values = new double[count];
            Marshal.Copy(data, values, 0, count);
            return values;
        }
        finally
        {
            GValueNative.GValueUnset(ref gvalue);
        }
    }

    /// <summary>Copies a VipsBlob output (an encoded file) into a managed array.</summary>
    public byte[] GetBytes(string name)
    {
        var gvalue = Init(ArgumentType(name));
        GObjectNative.GObjectGetProperty(_handle, name, ref gvalue);
        try
        {
            var data = GValueNative.VipsValueGetBlob(ref gvalue, out var length);
            if (data == IntPtr.Zero)
            {
                throw new VipsException($"{_name} produced no {name}");
            }

            var bytes = GC.AllocateUninitializedArray<byte>(checked((int)length));
            Marshal.Copy(data, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            GValueNative.GValueUnset(ref gvalue);
        }
    }

    public void Dispose()
    {
        // Only a built operation owns output references; an unbuilt one never had outputs assigned.
        if (_built && !_handle.IsClosed)
        {
            VipsObjectNative.VipsObjectUnrefOutputs(_handle);
        }

        _handle.Dispose();
    }

    private nint ArgumentType(string name)
    {
        if (VipsObjectNative.VipsObjectGetArgument(_handle, name, out var paramSpec, out _, out _) != 0)
        {
            throw new InvalidOperationException(VipsException.FromBuffer($"{_name} has no argument {name}").Message);
        }

        return VipsObjectNative.ParamSpecValueType(paramSpec);
    }

    private static GValue Init(nint type)
    {
        var gvalue = default(GValue);
        GValueNative.GValueInit(ref gvalue, type);
        return gvalue;
    }

    private VipsOperation Apply(string name, ref GValue gvalue)
    {
        GObjectNative.GObjectSetProperty(_handle, name, ref gvalue);
        GValueNative.GValueUnset(ref gvalue);
        return this;
    }
}
