namespace CardActors.Iso8583;

/// <summary>Field 70 values.</summary>
public enum NetworkManagementCode : short
{
    SignOn = 1,
    SignOff = 2,
    Echo = 301,
}
