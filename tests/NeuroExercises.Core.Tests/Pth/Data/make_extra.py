# Writes the extra .pth files the Pth tests read (run with Debian's python3-torch 1.13):
#   /usr/bin/python3 make_extra.py
# Values are aranges so the C# tests can state them without this script.
import collections
import torch
from torch import nn

# A module's state_dict carries _metadata (pickled through BUILD); protocol 4 adds FRAME, MEMOIZE, SHORT_BINUNICODE,
# STACK_GLOBAL; one storage shared by two views (a row slice at a storage offset); half, bool, uint8, int32.
lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.arange(6, dtype=torch.float32).reshape(2, 3))
    lin.bias.copy_(torch.tensor([-1.0, 1.0]))
sd = lin.state_dict()
base = torch.arange(12, dtype=torch.float64).reshape(3, 4)
sd["row2"] = base[2]            # storage offset 8, shares base's storage
sd["base"] = base
sd["half"] = torch.tensor([0.5, -1.25, 65504.0], dtype=torch.float16)
sd["mask"] = torch.tensor([True, False, True])
sd["bytes"] = torch.tensor([0, 7, 255], dtype=torch.uint8)
sd["ints"] = torch.tensor([[-3, 2]], dtype=torch.int32)
sd["empty"] = torch.zeros(0, 3)
torch.save(sd, "extra_protocol4.pth", pickle_protocol=4)
torch.save(sd, "extra_protocol2.pth")

# A whole module (not a state dict): its pickle names the class, which must be refused.
torch.save(lin, "whole_module.pth")

# A state dict of nn.Parameter objects (saved directly, not via state_dict()): _rebuild_parameter.
torch.save(collections.OrderedDict(w=nn.Parameter(torch.arange(4.0))), "parameters.pth")
