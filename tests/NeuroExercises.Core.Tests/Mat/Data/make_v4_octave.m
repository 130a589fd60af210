% Writes v4_octave.mat with GNU Octave's save -v4 (run: octave --no-gui --eval "run('make_v4_octave.m')" in this folder),
% then run make_v4.py to record what scipy reads from it.
dbl = [1 2 3; 4 5 6.5];
txt = ['abc'; 'xyz'];
cplx = [1+1i, 2-3i];
sp = sparse([1 3], [2 2], [7 -8], 3, 2);
save('-v4', 'v4_octave.mat', 'dbl', 'txt', 'cplx', 'sp');
